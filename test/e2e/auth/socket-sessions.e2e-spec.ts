import type { Socket } from 'socket.io-client';
import { AccessTokenService } from '../../../src/common/auth/access-token.service.js';
import { emitWithAck, receivesWithin } from '../../support/socket.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';
import { changePassword, freshIp, STRONG_PASSWORD, verifiedToken } from './auth-helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the reason of auth:session_ended and the disconnect reason, in the order they arrived. */
function sessionEnd(socket: Socket, timeoutMs: number): Promise<{ ended: { reason: string }; disconnect: string }> {
  return new Promise((resolve, reject) => {
    let ended: { reason: string } | undefined;
    const timer = setTimeout(() => reject(new Error(`socket still open after ${timeoutMs} ms`)), timeoutMs);
    socket.once('auth:session_ended', (payload: { reason: string }) => (ended = payload));
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      if (!ended) reject(new Error(`disconnected (${reason}) without auth:session_ended first`));
      else resolve({ ended, disconnect: reason });
    });
  });
}

describe('Sockets end with the session', () => {
  describe('password changes', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('closes every socket of a user who changed their password, and only theirs', async () => {
      const agent = await t.createUser({ role: 'AGENT' });
      const bystander = await t.createUser({ role: 'AGENT' });
      const [first, second, other] = [await t.socket(agent.token), await t.socket(agent.token), await t.socket(bystander.token)];
      const ends = [sessionEnd(first, 8_000), sessionEnd(second, 8_000)];
      // Tokens carry whole seconds: change the password a second later, so the old token is strictly older.
      await sleep(1_100);

      await changePassword(t, agent).expect(204);

      for (const end of await Promise.all(ends)) expect(end).toEqual({ ended: { reason: 'password_changed' }, disconnect: 'io server disconnect' });
      expect(other.connected).toBe(true);
      // The old token no longer opens a socket either.
      await expect(t.socket(agent.token)).rejects.toThrow('Unauthorized');
    });

    it('closes the sockets of a user who reset their password with a code', async () => {
      const customer = await t.createUser({ role: 'CUSTOMER' });
      const socket = await t.socket(customer.token);
      const end = sessionEnd(socket, 5_000);
      const email = customer.user.email!;
      const verificationToken = await verifiedToken(t, { email }, 'PASSWORD_RESET');
      await t.http().post('/api/v1/auth/password/reset').set(freshIp()).send({ email, verificationToken, newPassword: STRONG_PASSWORD }).expect(204);
      expect(await end).toEqual({ ended: { reason: 'password_changed' }, disconnect: 'io server disconnect' });
    });
  });

  describe('access token expiry', () => {
    const TTL_SECONDS = 3;
    let t: TestApp;
    let tokens: AccessTokenService;

    beforeAll(async () => {
      t = await createTestApp({ JWT_ACCESS_TTL_SECONDS: String(TTL_SECONDS) });
      tokens = t.app.get(AccessTokenService);
    });
    afterAll(() => t.close());

    const conversationOf = async (customer: TestUser) =>
      (await t.http().post('/api/v1/conversations').set(customer.auth).send({ title: 'Help' }).expect(201)).body.data.id as string;

    it('closes a socket when its access token expires; a fresh token connects again', async () => {
      const customer = await t.createUser({ role: 'CUSTOMER' });
      const conversationId = await conversationOf(customer);
      const socket = await t.socket(customer.token);
      expect(await emitWithAck(socket, 'conversation:join', { conversationId })).toMatchObject({ success: true });
      const end = sessionEnd(socket, (TTL_SECONDS + 2) * 1000);

      expect(await end).toEqual({ ended: { reason: 'token_expired' }, disconnect: 'io server disconnect' });
      // A fresh token (as after POST /auth/refresh) connects again.
      const fresh = tokens.sign({ id: customer.user.id, role: customer.user.role, status: customer.user.status });
      const again = await t.socket(fresh);
      expect(again.connected).toBe(true);
    });

    it('keeps a socket open past the first expiry when the client sends a fresh token with auth:refresh', async () => {
      const customer = await t.createUser({ role: 'CUSTOMER' });
      const socket = await t.socket(customer.token);
      const firstExpiry = Date.now() + TTL_SECONDS * 1000;
      // Tokens carry whole seconds: a token signed a second later expires a second later.
      await sleep(1_100);
      const fresh = tokens.sign({ id: customer.user.id, role: customer.user.role, status: customer.user.status });
      const answer = await emitWithAck<{ success: boolean; data: { expiresAt: string } }>(socket, 'auth:refresh', { token: fresh });
      expect(answer.success).toBe(true);
      expect(new Date(answer.data.expiresAt).getTime()).toBe(tokens.verify(fresh)!.exp! * 1000);

      const ended = receivesWithin(socket, 'auth:session_ended', firstExpiry - Date.now() + 500);
      expect(await ended).toBe(false);
      expect(socket.connected).toBe(true);
      expect(await sessionEnd(socket, 3_000)).toEqual({ ended: { reason: 'token_expired' }, disconnect: 'io server disconnect' });
    });

    it('refuses auth:refresh with another user’s token or a bad one, and keeps the old expiry', async () => {
      const customer = await t.createUser({ role: 'CUSTOMER' });
      const other = await t.createUser({ role: 'CUSTOMER' });
      const socket = await t.socket(customer.token);
      const end = sessionEnd(socket, (TTL_SECONDS + 2) * 1000);
      await sleep(1_100);
      const othersToken = tokens.sign({ id: other.user.id, role: other.user.role, status: other.user.status });
      expect(await emitWithAck(socket, 'auth:refresh', { token: othersToken })).toMatchObject({ success: false, statusCode: 401, error: 'UNAUTHORIZED' });
      expect(await emitWithAck(socket, 'auth:refresh', { token: 'not-a-jwt' })).toMatchObject({ success: false, statusCode: 400, error: 'VALIDATION_FAILED' });
      expect(await end).toEqual({ ended: { reason: 'token_expired' }, disconnect: 'io server disconnect' });
    });

    it('does not let a donor token expire (donor tokens are scoped to one query and revoked with it)', async () => {
      const created = await t.http().post('/api/v1/donor-queries').send({ donor: 'Nia', donorId: 'N-1', test: 'Vision', message: 'Help please' }).expect(201);
      const socket = await t.socket(created.body.data.donorAccessToken as string);
      expect(await receivesWithin(socket, 'auth:session_ended', (TTL_SECONDS + 1) * 1000)).toBe(false);
      expect(socket.connected).toBe(true);
    });
  });
});
