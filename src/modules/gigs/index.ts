/** What other modules may use of the gigs module; everything else in this folder is internal. */
export { GigsModule } from './gigs.module.js';
