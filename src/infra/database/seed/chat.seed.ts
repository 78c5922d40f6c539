import type { PrismaClient } from '../../../generated/prisma/client.js';
import type { ChatCategory } from '../../../generated/prisma/enums.js';
import type { SeedCheckClient, SeedOptions } from './seed.js';

/** The knowledge base the offline assistant answers from, covering the portal and the gig platform. */
const DEMO_FAQS: readonly { category: ChatCategory; question: string; answer: string; keywords: string[] }[] = [
  {
    category: 'ACCOUNT',
    question: 'How do I reset my password?',
    answer: 'On the login page choose "Forgot password", enter your email and follow the link we send you. The link is valid for 30 minutes.',
    keywords: ['password', 'reset', 'forgot', 'login'],
  },
  {
    category: 'ACCOUNT',
    question: 'How do I change the email address on my account?',
    answer: 'Open Profile, then Account, and edit your email. We send a one-time code to the new address to confirm the change.',
    keywords: ['email', 'change', 'profile'],
  },
  {
    category: 'BILLING',
    question: 'How long does a refund take?',
    answer: 'Approved refunds reach your card or bank account within 5 to 10 business days.',
    keywords: ['refund', 'money back'],
  },
  {
    category: 'BILLING',
    question: 'Which payment methods do you accept?',
    answer: 'We accept major credit and debit cards, UPI and bank transfers. Invoices can be downloaded from Billing.',
    keywords: ['payment', 'card', 'upi', 'invoice'],
  },
  {
    category: 'TECHNICAL',
    question: 'The app is not loading, what should I do?',
    answer: 'Refresh the page, clear your browser cache, and check your connection. If it still fails, tell us your browser and device.',
    keywords: ['loading', 'blank', 'crash', 'browser'],
  },
  {
    category: 'PRODUCT',
    question: 'How do I complete my agent onboarding?',
    answer:
      'Fill in your profile, upload your KYC documents, pass the proctored language assessment and sign the agreement. Your dashboard shows the next step.',
    keywords: ['onboarding', 'kyc', 'assessment', 'agreement'],
  },
  {
    category: 'PRODUCT',
    question: 'When do I get paid for a gig?',
    answer: 'Payments are released after the client approves your submitted work, usually within 3 business days of approval.',
    keywords: ['payment', 'payout', 'gig', 'paid'],
  },
  {
    category: 'GENERAL',
    question: 'How do I talk to a human agent?',
    answer: 'Ask the assistant for a human or press "Talk to a person". A support agent joins the chat as soon as one is free.',
    keywords: ['human', 'agent', 'person', 'escalate'],
  },
];

/** Idempotent: an FAQ is created once per question text and never overwritten afterwards. */
export async function seedChat(prisma: PrismaClient, options: SeedOptions): Promise<void> {
  if (!options.demoData) return;
  const author = await prisma.user.findUnique({ where: { email: 'admin@demo.cx' }, select: { id: true } });
  let created = 0;
  for (const faq of DEMO_FAQS) {
    const existing = await prisma.faq.findFirst({ where: { question: faq.question }, select: { id: true } });
    if (existing) continue;
    await prisma.faq.create({ data: { ...faq, createdById: author?.id, updatedById: author?.id } });
    created += 1;
  }
  if (created) options.log?.(`Seeded ${created} demo FAQs`);
}

export async function chatSeeded(db: SeedCheckClient, options: SeedOptions): Promise<boolean> {
  if (!options.demoData) return true;
  const questions = DEMO_FAQS.map((faq) => faq.question);
  const { rows } = await db.query<{ found: number }>('SELECT count(DISTINCT question)::int AS found FROM faqs WHERE question = ANY($1::text[])', [questions]);
  return rows[0].found === questions.length;
}
