/** What other modules may use of the communication module; everything else in this folder is internal. */
export { CommunicationModule } from './communication.module.js';
