/** What other modules may use of the faqs module; everything else in this folder is internal. */
export { FaqDto } from './dto/faq.dto.js';
export { FaqsModule } from './faqs.module.js';
export { FaqsService, type FaqMatch } from './faqs.service.js';
export { significantTokens } from './text-tokens.js';
