/** What other modules may use of the agents module; everything else in this folder is internal. */
export { AgentsModule } from './agents.module.js';
export { AgentsService } from './agents.service.js';
export { experienceMonths } from './experience.js';
