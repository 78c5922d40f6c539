import type { Question } from '../../generated/prisma/client.js';
import type { AssessmentWithCount, AssessmentWithQuestions } from './assessments.repository.js';
import type { AssessmentDetailDto, AssessmentSummaryDto, AuthoredQuestionDto, CandidateQuestionDto, CandidateSectionDto } from './dto/assessment.dto.js';

/** The only mapping of a question for candidates: correct answers are left out here, on purpose. */
const toCandidateQuestion = (q: Question): CandidateQuestionDto => ({
  id: q.id,
  type: q.type,
  prompt: q.prompt,
  mediaUrl: q.mediaUrl,
  options: q.options,
  points: q.points,
  position: q.position,
});

const toAuthoredQuestion = (q: Question): AuthoredQuestionDto => ({ ...toCandidateQuestion(q), correctAnswers: q.correctAnswers });

export const toCandidateSections = (a: AssessmentWithQuestions): CandidateSectionDto[] =>
  a.sections.map((s) => ({ id: s.id, title: s.title, weight: s.weight, position: s.position, questions: s.questions.map(toCandidateQuestion) }));

type AssessmentBase = Omit<AssessmentWithQuestions, 'sections'>;

const summary = (a: AssessmentBase, questionCount: number): AssessmentSummaryDto => ({
  id: a.id,
  title: a.title,
  description: a.description,
  language: a.language,
  timeLimitMinutes: a.timeLimitMinutes,
  passingLevel: a.passingLevel,
  maxAttempts: a.maxAttempts,
  retakeCooldownHours: a.retakeCooldownHours,
  isPublished: a.isPublished,
  questionCount,
  createdAt: a.createdAt,
});

export const toAssessmentSummary = (a: AssessmentWithCount): AssessmentSummaryDto => summary(a, a._count.questions);

export const toAssessmentDetail = (a: AssessmentWithQuestions): AssessmentDetailDto => ({
  ...summary(
    a,
    a.sections.reduce((n, s) => n + s.questions.length, 0),
  ),
  sections: a.sections.map((s) => ({
    id: s.id,
    title: s.title,
    weight: s.weight,
    position: s.position,
    questions: s.questions.map(toAuthoredQuestion),
  })),
});
