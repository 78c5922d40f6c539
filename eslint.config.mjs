import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
    files: ['scripts/**', 'bench/**', 'test/**', 'prisma/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Only repositories (and the database infrastructure) touch Prisma.
    files: ['src/modules/**/*.ts'],
    ignores: ['src/modules/**/*.repository.ts', 'src/modules/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/infra/database/prisma.service*'], message: 'Only repositories use PrismaService.' }] },
      ],
    },
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
);
