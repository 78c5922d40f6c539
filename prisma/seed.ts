/** `npm run db:seed`: seeds the database at DATABASE_URL (idempotent: running it twice changes nothing). */
import { PrismaPg } from '@prisma/adapter-pg';
import { uploadDirOf, validateEnvironment } from '../src/config/environment.js';
import { PrismaClient } from '../src/generated/prisma/client.js';
import { seedDatabase } from '../src/infra/database/seed/seed.js';

const env = validateEnvironment(process.env);
if (!env.DATABASE_URL) {
  console.error('DATABASE_URL is not set (the embedded default seeds itself on `npm start`).');
  process.exit(1);
}
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: env.DATABASE_URL }) });
try {
  await seedDatabase(prisma, {
    adminEmail: env.SEED_ADMIN_EMAIL,
    adminPassword: env.SEED_ADMIN_PASSWORD,
    demoData: env.SEED_DEMO_DATA,
    bcryptRounds: env.BCRYPT_ROUNDS,
    uploadDir: uploadDirOf(env),
    log: (line) => console.log(line),
  });
  console.log('Seed complete.');
} finally {
  await prisma.$disconnect();
}
