import { randomUUID } from 'node:crypto';
import { whileLockHeld } from '../../support/held-lock.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';
import { freshIp, STRONG_PASSWORD, uniqueEmail } from './auth-helpers.js';

describe('Users: staff management', () => {
  let t: TestApp;
  let superAdmin: TestUser;
  let admin: TestUser;
  let support: TestUser;
  let agent: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    superAdmin = await t.createUser({ role: 'SUPER_ADMIN' });
    admin = await t.createUser({ role: 'ADMIN' });
    support = await t.createUser({ role: 'SUPPORT_AGENT' });
    agent = await t.createUser({ role: 'AGENT' });
  });
  afterAll(() => t.close());

  const api = (path: string) => `/api/v1${path}`;
  const patchUser = (actor: TestUser, id: string, body: object) =>
    t
      .http()
      .patch(api(`/users/${id}`))
      .set(actor.auth)
      .send(body);
  const deleteUser = (actor: TestUser, id: string) =>
    t
      .http()
      .delete(api(`/users/${id}`))
      .set(actor.auth);

  describe('GET /users', () => {
    it('lists users for ADMIN+ only, without secrets', async () => {
      await t.http().get(api('/users')).set(agent.auth).expect(403);
      await t.http().get(api('/users')).set(support.auth).expect(403);
      await t.http().get(api('/users')).expect(401);
      const res = await t.http().get(api('/users?role=AGENT&limit=5')).set(admin.auth).expect(200);
      expect(res.body.data).toMatchObject({ page: 1, limit: 5, total: expect.any(Number) });
      expect(res.body.data.items.every((user: { role: string }) => user.role === 'AGENT')).toBe(true);
      expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|\$2[aby]\$|fcmToken/);
      const found = await t
        .http()
        .get(api(`/users?search=${encodeURIComponent(agent.user.email as string)}`))
        .set(superAdmin.auth)
        .expect(200);
      expect(found.body.data.items.map((user: { id: string }) => user.id)).toEqual([agent.user.id]);
    });

    it('reads one user for ADMIN+, 404 for unknown or deleted ids', async () => {
      const res = await t
        .http()
        .get(api(`/users/${agent.user.id}`))
        .set(admin.auth)
        .expect(200);
      expect(res.body.data).toMatchObject({ id: agent.user.id, role: 'AGENT' });
      await t
        .http()
        .get(api(`/users/${agent.user.id}`))
        .set(support.auth)
        .expect(403);
      await t
        .http()
        .get(api(`/users/${admin.user.id}`))
        .set(agent.auth)
        .expect(403);
      await t
        .http()
        .get(api(`/users/${randomUUID()}`))
        .set(admin.auth)
        .expect(404);
      await t.http().get(api('/users/123')).set(admin.auth).expect(400);
      const gone = await t.createUser({ role: 'CUSTOMER' });
      await t.prisma.user.update({ where: { id: gone.user.id }, data: { deletedAt: new Date() } });
      await t
        .http()
        .get(api(`/users/${gone.user.id}`))
        .set(admin.auth)
        .expect(404);
    });

    it('refuses bad filters with 400', async () => {
      for (const query of ['limit=1000', 'page=0', 'role=KING', 'status=GONE', 'unknown=1']) {
        const res = await t
          .http()
          .get(api(`/users?${query}`))
          .set(admin.auth)
          .expect(400);
        expect(res.body.error).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('POST /users', () => {
    const body = (role: string) => ({ email: uniqueEmail(role.toLowerCase()), name: `New ${role}`, password: STRONG_PASSWORD, role });

    it('lets ADMIN create SUPPORT_AGENT and below, SUPER_ADMIN create admins', async () => {
      const created = await t.http().post(api('/users')).set(admin.auth).send(body('SUPPORT_AGENT')).expect(201);
      expect(created.body.data).toMatchObject({ role: 'SUPPORT_AGENT', status: 'ACTIVE' });
      const newAgent = await t.http().post(api('/users')).set(admin.auth).send(body('AGENT')).expect(201);
      expect(await t.prisma.agentProfile.count({ where: { userId: newAgent.body.data.id } })).toBe(1);
      await t.http().post(api('/users')).set(admin.auth).send(body('ADMIN')).expect(403);
      await t.http().post(api('/users')).set(admin.auth).send(body('SUPER_ADMIN')).expect(403);
      await t.http().post(api('/users')).set(superAdmin.auth).send(body('ADMIN')).expect(201);
      await t.http().post(api('/users')).set(support.auth).send(body('CUSTOMER')).expect(403);
      await t.http().post(api('/users')).set(agent.auth).send(body('CUSTOMER')).expect(403);
      const login = await t.http().post(api('/auth/login')).set(freshIp()).send({ email: created.body.data.email, password: STRONG_PASSWORD }).expect(200);
      expect(login.body.data.user.role).toBe('SUPPORT_AGENT');
    });

    it('refuses weak passwords, duplicates and bad bodies', async () => {
      expect(
        (
          await t
            .http()
            .post(api('/users'))
            .set(admin.auth)
            .send({ ...body('CUSTOMER'), password: 'password123' })
            .expect(400)
        ).body.error,
      ).toBe('WEAK_PASSWORD');
      await t
        .http()
        .post(api('/users'))
        .set(admin.auth)
        .send({ ...body('CUSTOMER'), email: agent.user.email })
        .expect(409);
      for (const bad of [
        { ...body('CUSTOMER'), role: 'KING' },
        { ...body('CUSTOMER'), email: 'nope' },
        { ...body('CUSTOMER'), status: 'ACTIVE' },
        { name: 'x' },
      ]) {
        expect((await t.http().post(api('/users')).set(admin.auth).send(bad).expect(400)).body.error).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('PATCH /users/:id', () => {
    it('suspends a user, whose token stops working at once', async () => {
      const victim = await t.createUser({ role: 'CUSTOMER' });
      const res = await patchUser(admin, victim.user.id, { status: 'SUSPENDED' }).expect(200);
      expect(res.body.data.status).toBe('SUSPENDED');
      await t.http().get(api('/users/me')).set(victim.auth).expect(401);
      await patchUser(admin, victim.user.id, { status: 'ACTIVE' }).expect(200);
      await t.http().get(api('/users/me')).set(victim.auth).expect(200);
    });

    it('enforces who manages whom, and nobody manages themselves', async () => {
      const other = await t.createUser({ role: 'ADMIN' });
      await patchUser(admin, other.user.id, { name: 'Renamed' }).expect(403);
      await patchUser(admin, superAdmin.user.id, { status: 'SUSPENDED' }).expect(403);
      await patchUser(admin, support.user.id, { role: 'ADMIN' }).expect(403);
      await patchUser(admin, admin.user.id, { role: 'SUPER_ADMIN' }).expect(403);
      await patchUser(superAdmin, superAdmin.user.id, { role: 'ADMIN' }).expect(403);
      await patchUser(support, agent.user.id, { status: 'SUSPENDED' }).expect(403);
      await patchUser(agent, support.user.id, { status: 'SUSPENDED' }).expect(403);
      const promoted = await patchUser(superAdmin, other.user.id, { role: 'SUPPORT_AGENT' }).expect(200);
      expect(promoted.body.data.role).toBe('SUPPORT_AGENT');
      const customer = await t.createUser({ role: 'CUSTOMER' });
      await patchUser(admin, customer.user.id, { role: 'CLIENT' }).expect(200);
      expect(await t.prisma.clientProfile.count({ where: { userId: customer.user.id } })).toBe(1);
      expect((await t.prisma.user.findUniqueOrThrow({ where: { id: admin.user.id } })).role).toBe('ADMIN');
    });

    it('answers 404 for an unknown or deleted user and 400 for bad input', async () => {
      await patchUser(admin, randomUUID(), { name: 'x' }).expect(404);
      await patchUser(admin, 'not-a-uuid', { name: 'x' }).expect(400);
      const gone = await t.createUser({ role: 'CUSTOMER' });
      await deleteUser(admin, gone.user.id).expect(204);
      await patchUser(admin, gone.user.id, { name: 'x' }).expect(404);
      for (const bad of [{ status: 'PENDING' }, { role: 'KING' }, { passwordHash: 'x' }, { email: 'a@b.cx' }]) {
        expect((await patchUser(admin, agent.user.id, bad).expect(400)).body.error).toBe('VALIDATION_FAILED');
      }
    });

    it('refuses a status change the machine forbids with 409', async () => {
      const user = await t.createUser({ role: 'CUSTOMER', status: 'DEACTIVATED' });
      const res = await patchUser(admin, user.user.id, { status: 'SUSPENDED' }).expect(409);
      expect(res.body.error).toBe('INVALID_STATUS_TRANSITION');
      const active = await t.createUser({ role: 'CUSTOMER' });
      // Setting the status a user already has is not a transition either.
      expect((await patchUser(admin, active.user.id, { status: 'ACTIVE' }).expect(409)).body.error).toBe('INVALID_STATUS_TRANSITION');
    });

    it('lets only one of two concurrent suspensions win', async () => {
      const user = await t.createUser({ role: 'CUSTOMER' });
      const results = await Promise.all([
        patchUser(admin, user.user.id, { status: 'SUSPENDED' }),
        patchUser(superAdmin, user.user.id, { status: 'SUSPENDED' }),
      ]);
      expect(results.map((res) => res.status).sort()).toEqual([200, 409]);
    });
  });

  describe('DELETE /users/:id', () => {
    it('deletes a user: token, login and refresh stop working; the address is free again', async () => {
      const victim = await t.createUser({ role: 'CUSTOMER' });
      const session = (await t.http().post(api('/auth/login')).set(freshIp()).send({ email: victim.user.email, password: victim.password }).expect(200)).body
        .data;
      await deleteUser(admin, victim.user.id).expect(204);
      await t.http().get(api('/users/me')).set(victim.auth).expect(401);
      await t.http().post(api('/auth/login')).set(freshIp()).send({ email: victim.user.email, password: victim.password }).expect(401);
      await t.http().post(api('/auth/refresh')).set(freshIp()).send({ refreshToken: session.refreshToken }).expect(401);
      await deleteUser(admin, victim.user.id).expect(404);
      await t.createUser({ email: victim.user.email as string });
    });

    it('enforces rank, self and unknown ids', async () => {
      await deleteUser(admin, superAdmin.user.id).expect(403);
      await deleteUser(support, agent.user.id).expect(403);
      await deleteUser(admin, admin.user.id).expect(403);
      await deleteUser(admin, randomUUID()).expect(404);
      await deleteUser(admin, 'nope').expect(400);
    });

    it('never removes the last SUPER_ADMIN, even when two remove each other at once', async () => {
      const a = await t.createUser({ role: 'SUPER_ADMIN' });
      const b = await t.createUser({ role: 'SUPER_ADMIN' });
      // Leave exactly a and b as active super admins.
      await t.prisma.user.updateMany({ where: { role: 'SUPER_ADMIN', id: { notIn: [a.user.id, b.user.id] } }, data: { status: 'SUSPENDED' } });
      // Both requests must be past authentication when they meet: one that starts after the other
      // removed its actor is simply unauthorised (401). Holding the super admins' rows lets both
      // reach the last-super-admin check and queue on it, then both go on at once.
      const results = await whileLockHeld(
        t.databaseUrl,
        `SELECT id FROM users WHERE role = 'SUPER_ADMIN' AND status = 'ACTIVE' AND deleted_at IS NULL FOR UPDATE`,
        2,
        () => Promise.all([deleteUser(a, b.user.id).then((res) => res), deleteUser(b, a.user.id).then((res) => res)]),
      );
      expect(results.map((res) => res.status).sort()).toEqual([204, 409]);
      expect(results.find((res) => res.status === 409)?.body.error).toBe('LAST_SUPER_ADMIN');
      expect(await t.prisma.user.count({ where: { role: 'SUPER_ADMIN', status: 'ACTIVE', deletedAt: null } })).toBe(1);

      // A PENDING super admin (still signed in) cannot remove or demote the only active one either.
      const survivor = results[0].status === 204 ? a : b;
      const pending = await t.createUser({ role: 'SUPER_ADMIN', status: 'PENDING' });
      expect((await deleteUser(pending, survivor.user.id).expect(409)).body.error).toBe('LAST_SUPER_ADMIN');
      expect((await patchUser(pending, survivor.user.id, { role: 'ADMIN' }).expect(409)).body.error).toBe('LAST_SUPER_ADMIN');
      expect((await patchUser(pending, survivor.user.id, { status: 'SUSPENDED' }).expect(409)).body.error).toBe('LAST_SUPER_ADMIN');
      await patchUser(pending, survivor.user.id, { name: 'Still Super' }).expect(200);
    });
  });

  describe('GET /users/online', () => {
    it('is for staff only', async () => {
      await t.http().get(api('/users/online')).set(agent.auth).expect(403);
      await t.http().get(api('/users/online')).set(support.auth).expect(200);
      await t.http().get(api('/users/online?limit=0')).set(support.auth).expect(400);
    });
  });
});
