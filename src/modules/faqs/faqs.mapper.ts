import type { Faq } from '../../generated/prisma/client.js';
import type { FaqDto } from './dto/faq.dto.js';

export const toFaqDto = (faq: Faq): FaqDto => ({
  id: faq.id,
  category: faq.category,
  question: faq.question,
  answer: faq.answer,
  keywords: faq.keywords,
  relatedQuestionIds: faq.relatedQuestionIds,
  isActive: faq.isActive,
  usageCount: faq.usageCount,
  createdById: faq.createdById,
  updatedById: faq.updatedById,
  createdAt: faq.createdAt,
  updatedAt: faq.updatedAt,
});
