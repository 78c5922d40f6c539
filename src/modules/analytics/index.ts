/** What other modules may use of the analytics module; everything else in this folder is internal. */
export { AnalyticsModule } from './analytics.module.js';
