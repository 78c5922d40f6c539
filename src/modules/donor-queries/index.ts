/** What other modules may use of the donor-queries module; everything else in this folder is internal. */
export { CurrentGuest } from './current-guest.decorator.js';
export { DonorQueriesModule } from './donor-queries.module.js';
export { DonorQueriesService } from './donor-queries.service.js';
export { queryActor, type QueryActor } from './query-actor.js';
export { type AfterMove, type QueryMoveContext } from './query-move-steps.js';
export { isOpen, mayHandle } from './query-state.js';
