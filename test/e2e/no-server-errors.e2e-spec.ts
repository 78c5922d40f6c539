import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from '../support/test-app.js';

/**
 * Bad input never reaches a 500: every documented route is called with malformed ids, a random id,
 * an empty body and a body of wrong types, as an anonymous caller, a CUSTOMER and a SUPER_ADMIN.
 * Every answer must be a 4xx (or a deliberate 503 with its own code) in the error envelope.
 */
describe('No route answers bad input with a server error', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers every route with a 4xx in the envelope', async () => {
    const document = (await t.http().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const admin = await t.createUser({ role: 'SUPER_ADMIN' });
    const customer = await t.createUser({ role: 'CUSTOMER' });
    const callers: Record<string, Record<string, string>> = { anonymous: {}, customer: customer.auth, admin: admin.auth };
    const bodies = [undefined, {}, { id: 5, email: [], status: { $ne: null }, content: 12, page: -1 }];
    const failures: string[] = [];
    let calls = 0;

    for (const [template, operations] of Object.entries(document.paths)) {
      for (const method of Object.keys(operations)) {
        for (const id of ['not-a-uuid', randomUUID()]) {
          const path = template.replace(/\{[^}]+\}/g, id);
          for (const [who, headers] of Object.entries(callers)) {
            for (const body of method === 'get' || method === 'delete' ? [undefined] : bodies) {
              const request = t.http()[method as 'get' | 'post' | 'put' | 'patch' | 'delete'](`${path}?page=abc&limit=-5`).set(headers);
              const res = await (body === undefined ? request : request.send(body));
              calls += 1;
              const deliberate503 = res.status === 503 && res.body?.error && res.body.error !== 'INTERNAL_ERROR';
              if ((res.status >= 500 && !deliberate503) || (res.status >= 400 && res.body?.success !== false)) {
                failures.push(
                  `${method.toUpperCase()} ${path} as ${who} with ${JSON.stringify(body)} → ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`,
                );
              }
            }
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(500);
    expect(failures).toEqual([]);
  }, 240_000);
});
