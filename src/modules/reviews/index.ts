/** What other modules may use of the reviews module; everything else in this folder is internal. */
export { type Rating } from './review-visibility.js';
export { ReviewsModule } from './reviews.module.js';
export { ReviewsService, type Ratings } from './reviews.service.js';
