import type { PrismaClient } from '../../../generated/prisma/client.js';
import type { QuestionType } from '../../../generated/prisma/enums.js';
import type { SeedCheckClient, SeedOptions } from './seed.js';

export const DEMO_ASSESSMENT_TITLE = 'English for customer support (demo)';

const SECTIONS: {
  title: string;
  weight: number;
  questions: { type: QuestionType; prompt: string; mediaUrl?: string; options?: string[]; correctAnswers?: string[] }[];
}[] = [
  {
    title: 'Listening',
    weight: 20,
    questions: [
      {
        type: 'AUDIO_MCQ',
        prompt: 'Listen to the caller. What does she want?',
        mediaUrl: 'https://example.com/demo/caller-refund.mp3',
        options: ['A refund', 'A new password', 'A delivery date'],
        correctAnswers: ['A refund'],
      },
    ],
  },
  {
    title: 'Reading and grammar',
    weight: 30,
    questions: [
      { type: 'READING_MCQ', prompt: 'Your order ___ shipped yesterday.', options: ['is', 'was', 'were'], correctAnswers: ['was'] },
      { type: 'FILL_BLANK', prompt: 'I apologise ___ the inconvenience.', correctAnswers: ['for'] },
    ],
  },
  {
    title: 'Speaking',
    weight: 25,
    questions: [
      {
        type: 'SPEAKING',
        prompt: 'Read aloud: Thank you for calling, how may I help you today?',
        correctAnswers: ['Thank you for calling, how may I help you today?'],
      },
    ],
  },
  {
    title: 'Writing',
    weight: 25,
    questions: [{ type: 'WRITING', prompt: 'Write a short reply to a customer whose parcel arrived damaged.' }],
  },
];

/** One published demo assessment, authored by the seeded super admin; idempotent by title. */
export async function seedProctoring(prisma: PrismaClient, options: SeedOptions): Promise<void> {
  if (!options.demoData) return;
  if (await prisma.assessment.findUnique({ where: { title: DEMO_ASSESSMENT_TITLE }, select: { id: true } })) return;
  const author = await prisma.user.findUnique({ where: { email: options.adminEmail.toLowerCase() }, select: { id: true } });
  if (!author) return;
  await prisma.$transaction(async (tx) => {
    const assessment = await tx.assessment.create({
      data: { title: DEMO_ASSESSMENT_TITLE, language: 'en', timeLimitMinutes: 45, passingLevel: 'B1', createdById: author.id },
    });
    for (const [s, section] of SECTIONS.entries()) {
      const created = await tx.assessmentSection.create({
        data: { assessmentId: assessment.id, title: section.title, weight: section.weight, position: s + 1 },
      });
      await tx.question.createMany({
        data: section.questions.map((q, i) => ({
          assessmentId: assessment.id,
          sectionId: created.id,
          type: q.type,
          prompt: q.prompt,
          mediaUrl: q.mediaUrl,
          options: q.options ?? [],
          correctAnswers: q.correctAnswers ?? [],
          position: i + 1,
        })),
      });
    }
  });
  options.log?.(`Seeded demo assessment "${DEMO_ASSESSMENT_TITLE}"`);
}

export async function proctoringSeeded(db: SeedCheckClient, options: SeedOptions): Promise<boolean> {
  if (!options.demoData) return true;
  const { rows } = await db.query<{ done: boolean }>('SELECT EXISTS (SELECT 1 FROM assessments WHERE title = $1) AS done', [DEMO_ASSESSMENT_TITLE]);
  return rows[0].done;
}
