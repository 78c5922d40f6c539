import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { foundOr404 } from '../../common/auth/ownership.js';
import { badRequest, notFound } from '../../common/http/app-error.js';
import { pageArgs, toPage, type Page } from '../../common/pagination/pagination.js';
import type { ChatCategory } from '../../generated/prisma/enums.js';
import type { CreateFaqDto, FaqDto, FaqQueryDto, StaffFaqQueryDto, UpdateFaqDto } from './dto/faq.dto.js';
import { faqConfidence } from './faq-confidence.js';
import { toFaqDto } from './faqs.mapper.js';
import { FaqsRepository } from './faqs.repository.js';

/** A knowledge-base entry scored against one user message. */
export interface FaqMatch {
  id: string;
  question: string;
  answer: string;
  category: ChatCategory;
  confidence: number;
}

const normaliseKeywords = (keywords: string[] | undefined) =>
  keywords === undefined ? undefined : [...new Set(keywords.map((k) => k.trim().toLowerCase()).filter(Boolean))];

@Injectable()
export class FaqsService {
  constructor(private readonly faqs: FaqsRepository) {}

  async listPublic(query: FaqQueryDto): Promise<Page<FaqDto>> {
    const { items, total } = await this.faqs.list({ search: query.search, category: query.category, isActive: true }, pageArgs(query));
    return toPage(items, total, query, toFaqDto);
  }

  async listForStaff(query: StaffFaqQueryDto): Promise<Page<FaqDto>> {
    const { items, total } = await this.faqs.list({ search: query.search, category: query.category, isActive: query.isActive }, pageArgs(query));
    return toPage(items, total, query, toFaqDto);
  }

  async getPublic(id: string): Promise<FaqDto> {
    return toFaqDto(foundOr404(await this.faqs.findById(id, true), 'FAQ'));
  }

  /** Creates an FAQ; inside the caller's transaction when one is open (publishing an inbox question). */
  async create(user: AuthUser, dto: CreateFaqDto): Promise<FaqDto> {
    await this.assertRelatedExist(dto.relatedQuestionIds);
    const faq = await this.faqs.create({
      category: dto.category,
      question: dto.question,
      answer: dto.answer,
      keywords: normaliseKeywords(dto.keywords) ?? [],
      relatedQuestionIds: dto.relatedQuestionIds ?? [],
      isActive: dto.isActive ?? true,
      createdById: user.id,
    });
    return toFaqDto(faq);
  }

  async update(user: AuthUser, id: string, dto: UpdateFaqDto): Promise<FaqDto> {
    foundOr404(await this.faqs.findById(id, false), 'FAQ');
    if (dto.relatedQuestionIds?.includes(id)) throw badRequest('INVALID_RELATED_QUESTION', 'An FAQ cannot be related to itself');
    await this.assertRelatedExist(dto.relatedQuestionIds);
    const faq = await this.faqs.update(id, { ...dto, keywords: normaliseKeywords(dto.keywords), updatedById: user.id });
    return toFaqDto(faq);
  }

  async remove(id: string): Promise<void> {
    if (!(await this.faqs.delete(id))) throw notFound('FAQ');
  }

  /** The active FAQs closest to `text`, scored by confidence, best first. */
  async match(text: string, limit = 3): Promise<FaqMatch[]> {
    const candidates = await this.faqs.matchCandidates(text, 20);
    return candidates
      .map((faq) => ({ id: faq.id, question: faq.question, answer: faq.answer, category: faq.category, confidence: faqConfidence(text, faq) }))
      .sort((a, b) => b.confidence - a.confidence)
      .slice(0, limit);
  }

  /**
   * Folds the uses that chat answers appended into each FAQ's count (a scheduled job; reads add the
   * uses not folded yet, so counts are exact before and after). Returns how many uses were folded.
   */
  foldUsage(): Promise<number> {
    return this.faqs.foldUsage();
  }

  private async assertRelatedExist(ids: string[] | undefined): Promise<void> {
    if (!ids?.length) return;
    const unique = [...new Set(ids)];
    if ((await this.faqs.countExisting(unique)) !== unique.length) {
      throw badRequest('INVALID_RELATED_QUESTION', 'Every related question must be an existing FAQ', [
        { field: 'relatedQuestionIds', message: 'unknown FAQ id' },
      ]);
    }
  }
}
