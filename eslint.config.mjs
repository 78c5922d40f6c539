import path from 'node:path';
import js from '@eslint/js';
import globals from 'globals';
import eslintConfigPrettier from 'eslint-config-prettier/flat';
import tseslint from 'typescript-eslint';

// --- Module walls -------------------------------------------------------------------------------
// A module (a folder under src/modules) uses another module only through that module's index.ts:
// `../users/index.js`, never `../users/users.repository.js`. What index.ts exports is the module's
// public surface; everything else in its folder may change without the others noticing.
const MODULES_ROOT = path.resolve(import.meta.dirname, 'src/modules');
const moduleOf = (file) => {
  const relative = path.relative(MODULES_ROOT, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative.split(path.sep)[0];
};
const moduleWalls = {
  rules: {
    'no-module-internals': {
      meta: {
        type: 'problem',
        schema: [],
        messages: { internal: "Import another module through its index.ts ('{{ expected }}'), not its internal file '{{ source }}'." },
      },
      create(context) {
        const from = moduleOf(context.filename);
        const check = (node) => {
          const source = node.source?.value;
          if (!from || typeof source !== 'string' || !source.startsWith('.')) return;
          const target = path.resolve(path.dirname(context.filename), source);
          const to = moduleOf(target);
          if (!to || to === from) return;
          const inside = path.relative(path.join(MODULES_ROOT, to), target);
          if (inside === 'index.js' || inside === 'index') return;
          const expected = path.relative(path.dirname(context.filename), path.join(MODULES_ROOT, to, 'index.js'));
          context.report({ node: node.source, messageId: 'internal', data: { source, expected } });
        };
        return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/generated/**', 'client/dist/**', 'client/src/generated/**', '.data/**', 'coverage/**', 'bench/.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': 'error',
    },
  },
  {
    files: ['scripts/**', 'bench/**', 'test/**', 'prisma/**', '.ci/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Type-aware rules: promises are awaited or handed off on purpose, and switches over unions are exhaustive.
    // Every .ts file belongs to a tsconfig (the root one, or client/tsconfig.json), which the project service finds.
    files: ['**/*.ts', '**/*.mts', '**/*.cts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // A `default:` does not make a switch over a union exhaustive: a new member must be handled by name.
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  {
    // Plain JavaScript (bench, config files, a few scripts and test hooks) is in no tsconfig: lint it without types.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Only repositories (and the database infrastructure) touch Prisma.
    files: ['src/modules/**/*.ts'],
    ignores: ['src/modules/**/*.repository.ts', 'src/modules/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/infra/database/prisma.service*'], message: 'Only repositories use PrismaService.' }] }],
    },
  },
  {
    files: ['src/modules/**/*.ts'],
    plugins: { 'module-walls': moduleWalls },
    rules: { 'module-walls/no-module-internals': 'error' },
  },
  {
    // Nest's Logger takes (message, context) and (message, stack, context); pino's (fields, message)
    // order through it puts the message where the context or the stack goes. Fields go in the message
    // object: logger.warn({ msg: 'Sweep', moved: 3 }).
    files: ['src/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts', 'prisma/**/*.ts'],
    ignores: ['src/infra/logging/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression:matches([callee.object.name=/[lL]ogger$/], [callee.object.property.name=/[lL]ogger$/])[callee.property.name=/^(log|error|warn|debug|verbose|fatal)$/][arguments.length>1][arguments.0.type='ObjectExpression']",
          message: "Nest's Logger order: put the message in the fields object as `msg` (logger.warn({ msg: '…', ...fields })), not after it.",
        },
      ],
    },
  },
  // Formatting is Prettier's (`npm run format`; `npm run lint` checks it): no stylistic ESLint rule may disagree.
  eslintConfigPrettier,
);
