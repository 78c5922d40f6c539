import { AppConfig } from '../../../src/config/app-config.js';
import { PrismaService } from '../../../src/infra/database/prisma.service.js';
import { col } from '../../../src/infra/database/sql/columns.js';
import { SqlService } from '../../../src/infra/database/sql/sql.service.js';
import { sql } from '../../../src/infra/database/sql/statement.js';
import { TransactionHost } from '../../../src/infra/database/transaction-host.js';
import { createTestDatabase } from '../../support/test-database.js';

const currentTransaction = sql({ name: 'test_current_transaction', text: 'SELECT txid_current()::text AS id', params: [], columns: { id: col.text } });
const renameUser = sql({
  name: 'test_rename_user',
  text: 'UPDATE users SET name = $2 WHERE id = $1 RETURNING name',
  params: [col.uuid, col.text],
  columns: { name: col.text },
});

/** One transaction for the ORM and the typed SQL, opened by a service, joined by repositories. */
describe('TransactionHost', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let prisma: PrismaService;
  let sqlService: SqlService;
  let host: TransactionHost;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = AppConfig.fromEnv({ NODE_ENV: 'test', DATABASE_POOL_SIZE: '4' }, { databaseUrl: database.url, jwtSecret: 'x'.repeat(40) });
    prisma = new PrismaService(config);
    await prisma.onModuleInit();
    sqlService = new SqlService(prisma);
    host = new TransactionHost(prisma);
  });

  afterAll(async () => {
    await prisma.onModuleDestroy();
    await database.drop();
  });

  const newUser = (name: string) => prisma.user.create({ data: { name, passwordHash: 'x', email: `${name.toLowerCase()}-${Date.now()}@test.cx` } });
  const txidOfOrm = async () => (await host.client.$queryRaw<{ id: string }[]>`SELECT txid_current()::text AS id`)[0]?.id;

  it('runs the ORM and typed SQL on one connection in one transaction, and nested opens join it', async () => {
    const ids = await host.withTransaction(async () => {
      expect(host.active).toBe(true);
      const orm = await txidOfOrm();
      const typed = (await sqlService.one(currentTransaction, [])).id;
      const nested = await host.transaction(async (tx) => (await tx.$queryRaw<{ id: string }[]>`SELECT txid_current()::text AS id`)[0]?.id);
      return { orm, typed, nested };
    });
    expect(ids.orm).toBeDefined();
    expect(ids.typed).toBe(ids.orm);
    expect(ids.nested).toBe(ids.orm);
    expect(host.active).toBe(false);
    // Outside, each statement is its own transaction.
    expect((await sqlService.one(currentTransaction, [])).id).not.toBe(ids.orm);
  });

  it('rolls back the writes of both layers when the work throws', async () => {
    const user = await newUser('Before');
    await expect(
      host.withTransaction(async () => {
        await host.client.user.update({ where: { id: user.id }, data: { phone: '+15550001111' } });
        await sqlService.one(renameUser, [user.id, 'After']);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({ name: 'Before', phone: null });
  });

  it('commits the writes of both layers together', async () => {
    const user = await newUser('Start');
    await host.withTransaction(async () => {
      await host.client.user.update({ where: { id: user.id }, data: { phone: '+15550002222' } });
      await sqlService.one(renameUser, [user.id, 'Done']);
    });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ name: 'Done', phone: '+15550002222' });
  });

  it('keeps concurrent transactions apart', async () => {
    const [a, b] = await Promise.all([
      host.withTransaction(async () => ({ orm: await txidOfOrm(), typed: (await sqlService.one(currentTransaction, [])).id })),
      host.withTransaction(async () => ({ orm: await txidOfOrm(), typed: (await sqlService.one(currentTransaction, [])).id })),
    ]);
    expect(a.typed).toBe(a.orm);
    expect(b.typed).toBe(b.orm);
    expect(a.orm).not.toBe(b.orm);
  });
});
