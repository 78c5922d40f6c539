/**
 * Cost of one bearer-token verification through the passport `jwt` strategy (signature and expiry,
 * without the user query), with the HS256 secret as a KeyObject (what the app passes) and as a string.
 * `npm run bench:tokens`; prints microseconds per verification.
 */
import 'reflect-metadata';
import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import passport from 'passport';
import { Strategy } from 'passport-jwt';
import { bearerToken } from '../src/common/auth/bearer-token.js';

const secret = 'bench-secret-that-is-long-enough-for-hs256-0123456789';
const token = new JwtService().sign({ typ: 'access', role: 'AGENT', status: 'ACTIVE' }, { secret, subject: randomUUID(), expiresIn: 900, algorithm: 'HS256' });
const request = { headers: { authorization: `Bearer ${token}` } };

/** One verification the way the app runs one: `passport.authenticate` with the strategy, no session. */
function verifier(name: string, key: string | KeyObject): () => Promise<void> {
  passport.use(
    name,
    new Strategy(
      { jwtFromRequest: (req: typeof request) => bearerToken(req.headers.authorization) ?? null, secretOrKey: key as unknown as Buffer, algorithms: ['HS256'] },
      (claims: object, done: (error: unknown, user: object | false) => void) => done(null, claims),
    ),
  );
  return () =>
    new Promise<void>((resolve, reject) => {
      passport.authenticate(name, { session: false }, (error: unknown, user: object | false) => (user ? resolve() : reject(error ?? new Error('refused'))))(
        request,
        {},
        reject,
      );
    });
}

async function microsPerCall(verify: () => Promise<void>, calls: number): Promise<number> {
  for (let i = 0; i < 2_000; i += 1) await verify();
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i += 1) await verify();
  return Number(process.hrtime.bigint() - started) / 1_000 / calls;
}

const keyObject = verifier('jwt-key-object', createSecretKey(Buffer.from(secret, 'utf8')));
const string = verifier('jwt-string', secret);
const rounds: { keyObject: number; string: number }[] = [];
for (let round = 0; round < 3; round += 1) rounds.push({ keyObject: await microsPerCall(keyObject, 20_000), string: await microsPerCall(string, 4_000) });
const best = (pick: (round: { keyObject: number; string: number }) => number) => Math.min(...rounds.map(pick));
console.log(`KeyObject secret: ${best((round) => round.keyObject).toFixed(1)} µs per verification`);
console.log(`string secret:    ${best((round) => round.string).toFixed(1)} µs per verification`);
console.log(`ratio:            ${(best((round) => round.string) / best((round) => round.keyObject)).toFixed(1)}x`);
