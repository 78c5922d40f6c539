import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client.js';
import type { QuestionType } from '../../generated/prisma/enums.js';
import { type DatabaseClient, TransactionHost } from '../../infra/database/transaction-host.js';
import type { CreateAssessmentDto } from './dto/assessment.dto.js';

export const ASSESSMENT_WITH_QUESTIONS = {
  sections: { orderBy: { position: 'asc' }, include: { questions: { orderBy: { position: 'asc' } } } },
} as const satisfies Prisma.AssessmentInclude;

export type AssessmentWithQuestions = Prisma.AssessmentGetPayload<{ include: typeof ASSESSMENT_WITH_QUESTIONS }>;
export type AssessmentWithCount = Prisma.AssessmentGetPayload<{ include: { _count: { select: { questions: true } } } }>;

export interface NewSection {
  title: string;
  weight: number;
  questions: readonly { type: QuestionType; prompt: string; mediaUrl?: string; options?: string[]; correctAnswers?: string[]; points?: number }[];
}

/** Writes a new assessment's sections and their questions, both numbered in the given order (also used by the demo seed). */
export async function createSections(tx: DatabaseClient, assessmentId: string, sections: readonly NewSection[]): Promise<void> {
  for (const [sectionIndex, section] of sections.entries()) {
    const created = await tx.assessmentSection.create({
      data: { assessmentId, title: section.title, weight: section.weight, position: sectionIndex + 1 },
    });
    await tx.question.createMany({
      data: section.questions.map((question, questionIndex) => ({
        assessmentId,
        sectionId: created.id,
        type: question.type,
        prompt: question.prompt,
        mediaUrl: question.mediaUrl,
        options: question.options ?? [],
        correctAnswers: question.correctAnswers ?? [],
        points: question.points ?? 1,
        position: questionIndex + 1,
      })),
    });
  }
}

@Injectable()
export class AssessmentsRepository {
  constructor(private readonly db: TransactionHost) {}

  /** The assessment, its sections and questions, written together. */
  create(dto: CreateAssessmentDto, authorId: string): Promise<AssessmentWithQuestions> {
    return this.db.transaction(async (tx) => {
      const assessment = await tx.assessment.create({
        data: {
          title: dto.title,
          description: dto.description,
          language: dto.language,
          timeLimitMinutes: dto.timeLimitMinutes,
          passingLevel: dto.passingLevel,
          maxAttempts: dto.maxAttempts,
          retakeCooldownHours: dto.retakeCooldownHours,
          isPublished: dto.isPublished,
          createdById: authorId,
        },
      });
      await createSections(tx, assessment.id, dto.sections);
      return tx.assessment.findUniqueOrThrow({ where: { id: assessment.id }, include: ASSESSMENT_WITH_QUESTIONS });
    });
  }

  findWithQuestions(id: string, publishedOnly: boolean): Promise<AssessmentWithQuestions | null> {
    return this.db.client.assessment.findFirst({
      where: { id, ...(publishedOnly ? { isPublished: true } : {}) },
      include: ASSESSMENT_WITH_QUESTIONS,
    });
  }

  async list(publishedOnly: boolean, skip: number, take: number): Promise<[AssessmentWithCount[], number]> {
    const where = publishedOnly ? { isPublished: true } : {};
    return Promise.all([
      this.db.client.assessment.findMany({
        where,
        orderBy: { createdAt: 'desc' },
        skip,
        take,
        include: { _count: { select: { questions: true } } },
      }),
      this.db.client.assessment.count({ where }),
    ]);
  }
}
