import { readFileSync } from 'node:fs';
import pg from 'pg';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';

const REPAIR = readFileSync(new URL('../../../prisma/migrations/20261202153000_donor_desk_closed_query_leftovers/migration.sql', import.meta.url), 'utf8');

/** The data migration that repairs rows earlier versions left: transfer notes in SYSTEM messages, calls and requests on closed queries. */
describe('Repair of closed-query leftovers (migration)', () => {
  let t: TestApp;
  let ada: TestUser;

  const runRepair = async () => {
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      await client.query(REPAIR);
    } finally {
      await client.end();
    }
  };
  const query = (status: 'RESOLVED' | 'IN_PROGRESS', resolvedAt: Date | null = null) =>
    t.prisma.donorQuery.create({
      data: { donor: 'Dana', donorId: 'D-1', accessTokenHash: `hash-${Math.random()}`, status, assignedToId: ada.user.id, resolvedAt },
    });
  const session = (queryId: string, status: 'CREATED' | 'STARTED', startedAt: Date | null) =>
    t.prisma.callSession.create({
      data: {
        queryId,
        adminId: ada.user.id,
        roomName: `room-${Math.random()}`,
        roomUrl: 'https://cx.daily.co/x',
        mode: 'AUDIO',
        status,
        adminToken: 'a',
        userToken: 'u',
        expiresAt: new Date(Date.now() + 3_600_000),
        startedAt,
        createdAt: new Date(Date.now() - 900_000),
      },
    });

  beforeAll(async () => {
    t = await createTestApp({ DONOR_REMINDER_SCAN_MS: '0' });
    ada = await t.createUser({ role: 'ADMIN', name: 'Ada Admin' });
  });
  afterAll(() => t.close());

  it('cuts transfer notes out of SYSTEM messages, ends calls and cancels requests on closed queries, and leaves the rest', async () => {
    const resolvedAt = new Date(Date.now() - 600_000);
    const closed = await query('RESOLVED', resolvedAt);
    const open = await query('IN_PROGRESS');
    const message = (content: string, senderKind: 'SYSTEM' | 'DONOR' = 'SYSTEM') =>
      t.prisma.donorMessage.create({ data: { queryId: closed.id, senderKind, messageType: senderKind === 'SYSTEM' ? 'SYSTEM' : 'CHAT', content } });
    const transferred = await message('Ada Admin transferred the query to Super Admin: Needs calibration expertise: see the notes');
    const accepted = await message('Ada Admin accepted the query');
    const fromDonor = await message('Bo transferred the query to you: thanks', 'DONOR');
    const leftCall = await session(closed.id, 'STARTED', new Date(resolvedAt.getTime() - 125_000));
    const leftRequest = await t.prisma.callRequest.create({
      data: { queryId: closed.id, mode: 'AUDIO', expiresAt: new Date(Date.now() + 60_000), createdAt: new Date(resolvedAt.getTime() - 60_000) },
    });
    const liveCall = await session(open.id, 'CREATED', null);
    const liveRequest = await t.prisma.callRequest.create({
      data: { queryId: open.id, mode: 'VIDEO', expiresAt: new Date(Date.now() + 60_000), createdAt: new Date(Date.now() - 1000) },
    });

    await runRepair();
    await runRepair();

    const content = async (id: string) => (await t.prisma.donorMessage.findUniqueOrThrow({ where: { id } })).content;
    expect(await content(transferred.id)).toBe('Ada Admin transferred the query to Super Admin');
    expect(await content(accepted.id)).toBe('Ada Admin accepted the query');
    expect(await content(fromDonor.id)).toBe('Bo transferred the query to you: thanks');
    expect(await t.prisma.callSession.findUniqueOrThrow({ where: { id: leftCall.id } })).toMatchObject({
      status: 'ENDED',
      endedAt: resolvedAt,
      durationSeconds: 125,
    });
    expect(await t.prisma.callRequest.findUniqueOrThrow({ where: { id: leftRequest.id } })).toMatchObject({ status: 'CANCELLED', respondedAt: resolvedAt });
    expect(await t.prisma.callSession.findUniqueOrThrow({ where: { id: liveCall.id } })).toMatchObject({ status: 'CREATED', endedAt: null });
    expect(await t.prisma.callRequest.findUniqueOrThrow({ where: { id: liveRequest.id } })).toMatchObject({ status: 'PENDING', respondedAt: null });
  });
});
