/** What other modules may use of the auth module; everything else in this folder is internal. */
export { AuthModule } from './auth.module.js';
