/** What other modules may use of the jobs module; everything else in this folder is internal. */
export { JobRetryModule } from './job-retry.module.js';
export { JobRetryRegistry, retryRefused } from './job-retry.registry.js';
export { JobsModule } from './jobs.module.js';
