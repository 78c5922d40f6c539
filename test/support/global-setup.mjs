// Jest loads global setup outside its module transform; this registers the TypeScript loader first.
import '@swc-node/register/esm-register';

const { default: globalSetup } = await import('./global-setup.ts');
export default globalSetup;
