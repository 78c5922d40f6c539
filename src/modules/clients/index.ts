/** What other modules may use of the clients module; everything else in this folder is internal. */
export { ClientsModule } from './clients.module.js';
export type { LockedOpportunity, LockedSlot } from './clients.repository.js';
export { ClientsService } from './clients.service.js';
