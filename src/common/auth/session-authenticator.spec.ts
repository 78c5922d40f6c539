import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../../config/app-config.js';
import { AccessTokenService } from './access-token.service.js';
import { JwtStrategy } from './jwt.strategy.js';
import { SessionAuthenticator } from './session-authenticator.js';
import type { SessionUserRepository } from './session-user.repository.js';

const SECRET = 'strategy-secret-that-is-long-enough-for-hs256-0123456789';

type Row = { id: string; role: 'AGENT'; status: 'ACTIVE'; passwordChangedAt: Date | null };

/** The passport strategy over an in-memory user table; counts the lookups. */
function setup(rows: Row[] = [], secret = SECRET) {
  const config = AppConfig.fromEnv({}, { databaseUrl: 'postgresql://localhost/unused', jwtSecret: secret });
  const jwt = new JwtService();
  const tokens = new AccessTokenService(jwt, config);
  const lookups: string[] = [];
  const users = {
    findActive: async (id: string) => {
      lookups.push(id);
      return rows.find((row) => row.id === id);
    },
  } as unknown as SessionUserRepository;
  const authenticator = new SessionAuthenticator(new JwtStrategy(tokens, users));
  return { authenticator, tokens, jwt, lookups };
}

describe('SessionAuthenticator through the passport jwt strategy', () => {
  const row: Row = { id: randomUUID(), role: 'AGENT', status: 'ACTIVE', passwordChangedAt: null };

  it('gives the active user of a valid token, in one lookup', async () => {
    const { authenticator, tokens, lookups } = setup([row]);
    const token = tokens.sign({ id: row.id, role: 'AGENT', status: 'ACTIVE' });
    await expect(authenticator.authenticate(token)).resolves.toEqual({ id: row.id, role: 'AGENT', status: 'ACTIVE' });
    await expect(authenticator.authenticateRequest({ headers: { authorization: `bearer ${token}` } })).resolves.toEqual(
      expect.objectContaining({ id: row.id }),
    );
    expect(lookups).toEqual([row.id, row.id]);
  });

  it('refuses, without a lookup, a token with another secret, an unsigned one, an expired one, or not an access token', async () => {
    const { authenticator, jwt, lookups } = setup([row]);
    const claims = { typ: 'access', role: 'AGENT', status: 'ACTIVE' };
    const otherSecret = jwt.sign(claims, { secret: `${SECRET}-other`, subject: row.id, algorithm: 'HS256' });
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, sub: row.id })).toString('base64url')}.`;
    const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, { secret: SECRET, subject: row.id, algorithm: 'HS256' });
    const refresh = jwt.sign({ ...claims, typ: 'refresh' }, { secret: SECRET, subject: row.id, algorithm: 'HS256' });
    const notUuid = jwt.sign(claims, { secret: SECRET, subject: 'not-a-uuid', algorithm: 'HS256' });
    for (const token of [otherSecret, unsigned, expired, refresh, notUuid, 'garbage', '']) {
      await expect(authenticator.authenticate(token)).resolves.toBeUndefined();
    }
    await expect(authenticator.authenticateRequest({ headers: {} })).resolves.toBeUndefined();
    expect(lookups).toEqual([]);
  });

  it('refuses a deleted or deactivated user, and a token issued before a password change', async () => {
    const changed: Row = { ...row, id: randomUUID(), passwordChangedAt: new Date(Date.now() + 5_000) };
    const { authenticator, tokens } = setup([changed]);
    await expect(authenticator.authenticate(tokens.sign({ id: randomUUID(), role: 'AGENT', status: 'ACTIVE' }))).resolves.toBeUndefined();
    await expect(authenticator.authenticate(tokens.sign({ id: changed.id, role: 'AGENT', status: 'ACTIVE' }))).resolves.toBeUndefined();
  });

  it('passes a failing lookup on as an error, not as a refusal', async () => {
    const { tokens } = setup();
    const failing = { findActive: async () => Promise.reject(new Error('database unavailable')) } as unknown as SessionUserRepository;
    const authenticator = new SessionAuthenticator(new JwtStrategy(tokens, failing));
    await expect(authenticator.authenticate(tokens.sign({ id: row.id, role: 'AGENT', status: 'ACTIVE' }))).rejects.toThrow('database unavailable');
  });

  it('keeps each instance to its own secret (two applications in one process)', async () => {
    const first = setup([row]);
    const second = setup([row], `${SECRET}-second`);
    const sign = (side: typeof first) => side.tokens.sign({ id: row.id, role: 'AGENT', status: 'ACTIVE' });
    await expect(first.authenticator.authenticate(sign(second))).resolves.toBeUndefined();
    await expect(second.authenticator.authenticate(sign(first))).resolves.toBeUndefined();
    await expect(first.authenticator.authenticate(sign(first))).resolves.toEqual(expect.objectContaining({ id: row.id }));
    await expect(second.authenticator.authenticate(sign(second))).resolves.toEqual(expect.objectContaining({ id: row.id }));
  });
});
