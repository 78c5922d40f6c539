/** What other modules may use of the notifications module; everything else in this folder is internal. */
export { NotificationsModule } from './notifications.module.js';
export { NotificationsService, type NewNotification } from './notifications.service.js';
