/** Jest 30 in native ESM mode (node --experimental-vm-modules), TypeScript through @swc/jest. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

/**
 * Jest on Node 20 cannot `require()` an ES module, which some CommonJS dependencies do (e.g.
 * @fastify/static requires the ESM-only content-disposition). Those few are compiled to CommonJS.
 */
const ESM_REQUIRED_FROM_CJS = ['content-disposition'];
const toCommonJs = ['@swc/jest', { module: { type: 'commonjs' }, jsc: { target: 'es2022' } }];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': swc,
    [`node_modules/(${ESM_REQUIRED_FROM_CJS.join('|')})/.+\\.js$`]: toCommonJs,
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_REQUIRED_FROM_CJS.join('|')})/)`],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};

export default {
  testTimeout: 30_000,
  // Test files run in a worker process that is replaced once it holds more than this after a file: in
  // one long-lived process (Jest's choice on two cores) the ESM module registries of ~140 files pile up
  // to several GiB and the later files ran ten times slower.
  workerIdleMemoryLimit: '1GB',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/prisma/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
  ],
};
