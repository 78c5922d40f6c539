import type { PrismaClient } from '../../../generated/prisma/client.js';
import { createSections, type NewSection } from '../../../modules/proctoring/assessments.repository.js';
import type { SeedCheckClient, SeedOptions } from './seed.js';

export const DEMO_ASSESSMENT_TITLE = 'English for customer support (demo)';

const SECTIONS: NewSection[] = [
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
    await createSections(tx, assessment.id, SECTIONS);
  });
  options.log?.(`Seeded demo assessment "${DEMO_ASSESSMENT_TITLE}"`);
}

export async function proctoringSeeded(db: SeedCheckClient, options: SeedOptions): Promise<boolean> {
  if (!options.demoData) return true;
  const { rows } = await db.query<{ done: boolean }>('SELECT EXISTS (SELECT 1 FROM assessments WHERE title = $1) AS done', [DEMO_ASSESSMENT_TITLE]);
  return rows[0].done;
}
