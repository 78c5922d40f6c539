/** What other modules may use of the reports module; everything else in this folder is internal. */
export { ReportsModule } from './reports.module.js';
