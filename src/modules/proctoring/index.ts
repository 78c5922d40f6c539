/** What other modules may use of the proctoring module; everything else in this folder is internal. */
export { ProctoringModule } from './proctoring.module.js';
