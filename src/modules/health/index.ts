/** What other modules may use of the health module; everything else in this folder is internal. */
export { HealthModule } from './health.module.js';
