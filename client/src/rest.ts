import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './generated/openapi.js';
import type { Fetch, Session } from './session.js';

export type ApiClient = Client<paths>;

/**
 * Every signed-in request carries the session's access token (refreshed ahead of expiry); a 401
 * answer is retried once with a refreshed token, so an expired token costs one round trip, not an error.
 */
function authentication(session: Session, send: Fetch): Middleware {
  const retries = new Map<string, Request>();
  return {
    async onRequest({ request, id }) {
      const token = await session.accessToken();
      if (!token) return request;
      request.headers.set('authorization', `Bearer ${token}`);
      if (session.tokens?.refreshToken && !request.url.endsWith('/auth/refresh')) retries.set(id, request.clone());
      return request;
    },
    async onResponse({ response, id }) {
      const retry = retries.get(id);
      retries.delete(id);
      if (response.status !== 401 || !retry) return response;
      const token = await session.refresh();
      if (!token) return response;
      retry.headers.set('authorization', `Bearer ${token}`);
      return send(retry);
    },
  };
}

/** The REST API, typed from openapi.json: `api.GET('/api/v1/conversations', { params: { query: { page: 1 } } })`. */
export function createApiClient(options: { baseUrl: string; session?: Session; fetch?: Fetch }): ApiClient {
  const send: Fetch = options.fetch ?? ((request) => fetch(request));
  const api = createClient<paths>({ baseUrl: options.baseUrl, fetch: send });
  if (options.session) api.use(authentication(options.session, send));
  return api;
}
