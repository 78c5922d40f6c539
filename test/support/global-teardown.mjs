import '@swc-node/register/esm-register';

const { default: globalTeardown } = await import('./global-teardown.ts');
export default globalTeardown;
