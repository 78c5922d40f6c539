import type { TestApp, TestUser } from './test-app.js';

/** A donor query as its donor holds it: the id and the donor's access token (donors have no account). */
export interface DonorQuery {
  id: string;
  token: string;
  auth: { Authorization: string };
}

/** Posts a donor query the way the donor-facing form does; `fields` override the defaults. */
export async function postDonorQuery(t: TestApp, fields: Record<string, unknown> = {}): Promise<DonorQuery> {
  const res = await t
    .http()
    .post('/api/v1/donor-queries')
    .send({ donor: 'Dana Donor', donorId: 'D-1', test: 'Hearing', message: 'I need help', ...fields })
    .expect(201);
  const token = res.body.data.donorAccessToken as string;
  return { id: res.body.data.query.id as string, token, auth: { Authorization: `Bearer ${token}` } };
}

/** A donor query accepted by a new ADMIN (`a`), its assignee. */
export async function assignedDonorQuery(t: TestApp): Promise<{ q: DonorQuery; a: TestUser }> {
  const q = await postDonorQuery(t);
  const a = await t.createUser({ role: 'ADMIN' });
  await t.http().patch(`/api/v1/donor-queries/${q.id}/accept`).set(a.auth).expect(200);
  return { q, a };
}
