/*
 * The API's requests as a user, each returned unchecked: the test sends what it sends and states the
 * status it expects (and reads the body). Import as a namespace: `market.applyTo(t, agent, id).expect(201)`.
 */
import type { TestApp, TestUser } from './test-app.js';

export const api = (path: string) => `/api/v1${path}`;

/** A request to the API as `user`. */
export const request = (t: TestApp, user: TestUser, method: 'get' | 'post' | 'patch' | 'put' | 'delete', path: string) =>
  t.http()[method](api(path)).set(user.auth);
export const get = (t: TestApp, user: TestUser, path: string) => request(t, user, 'get', path);

/* The marketplace's steps as `user`, each unchecked like `request`. */
type Body = Record<string, unknown>;
export const decideKyc = (t: TestApp, staff: TestUser, agentId: string, body: Body) => request(t, staff, 'patch', `/agents/${agentId}/kyc`).send(body);
export const recordAssessment = (t: TestApp, staff: TestUser, agentId: string, body: Body) =>
  request(t, staff, 'put', `/agents/${agentId}/assessment`).send(body);
export const editOpportunity = (t: TestApp, client: TestUser, opportunityId: string, body: Body) =>
  request(t, client, 'patch', `/opportunities/${opportunityId}`).send(body);
export const addSlot = (t: TestApp, client: TestUser, opportunityId: string, slot: Body) =>
  request(t, client, 'post', `/opportunities/${opportunityId}/slots`).send(slot);
export const publishOpportunity = (t: TestApp, client: TestUser, opportunityId: string) =>
  request(t, client, 'post', `/opportunities/${opportunityId}/publish`);
export const closeOpportunity = (t: TestApp, client: TestUser, opportunityId: string) => request(t, client, 'post', `/opportunities/${opportunityId}/close`);
export const applyTo = (t: TestApp, agent: TestUser, opportunityId: string, body: Body = {}) =>
  request(t, agent, 'post', `/opportunities/${opportunityId}/applications`).send(body);
export const decideApplication = (t: TestApp, client: TestUser, applicationId: string, body: Body) =>
  request(t, client, 'patch', `/applications/${applicationId}/decision`).send(body);
export const pickWorkSlots = (t: TestApp, agent: TestUser, gigId: string, slotIds: string[]) =>
  request(t, agent, 'post', `/gigs/${gigId}/work-slots`).send({ slotIds });
export const submitWork = (t: TestApp, agent: TestUser, gigId: string, content: string) =>
  request(t, agent, 'post', `/gigs/${gigId}/submissions`).send({ content });
export const reviewSubmission = (t: TestApp, client: TestUser, submissionId: string, body: Body) =>
  request(t, client, 'patch', `/submissions/${submissionId}/review`).send(body);
export const reworkSubmission = (t: TestApp, agent: TestUser, submissionId: string, content: string) =>
  request(t, agent, 'post', `/submissions/${submissionId}/rework`).send({ content });
export const paySubmission = (t: TestApp, client: TestUser, submissionId: string, idempotencyKey: string) =>
  request(t, client, 'post', `/submissions/${submissionId}/payments`).set('Idempotency-Key', idempotencyKey);
export const completeGig = (t: TestApp, user: TestUser, gigId: string) => request(t, user, 'post', `/gigs/${gigId}/complete`);
export const reviewGig = (t: TestApp, user: TestUser, gigId: string, body: Body) => request(t, user, 'post', `/gigs/${gigId}/reviews`).send(body);
