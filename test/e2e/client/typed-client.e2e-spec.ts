import { createCxClient, type CxClient, type RealtimeSocket, type ServerToClientEvents } from '../../../client/src/index.js';
import { eventually } from '../../support/eventually.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';

// Refreshed 3 s before expiry: a test process slowed down by its neighbours still refreshes in time.
const TTL_SECONDS = 6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function next<E extends keyof ServerToClientEvents>(socket: RealtimeSocket, event: E, timeoutMs = 5_000): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No "${event}" within ${timeoutMs} ms`)), timeoutMs);
    const listener = ((payload: Parameters<ServerToClientEvents[E]>[0]) => {
      clearTimeout(timer);
      resolve(payload);
    }) as never;
    socket.once(event, listener);
  });
}

/**
 * The client package that apps import, walking a real flow against the running server: sign in
 * over REST, open a conversation, chat over the typed socket, outlive the access token on both
 * (refresh), and end with a password change that closes the socket for good.
 */
describe('The typed client package', () => {
  let t: TestApp;
  let customer: TestUser;
  let client: CxClient;
  const sockets: RealtimeSocket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ JWT_ACCESS_TTL_SECONDS: String(TTL_SECONDS) });
    customer = await t.createUser({ role: 'CUSTOMER', name: 'Casey' });
    client = createCxClient({ baseUrl: t.baseUrl, refreshMarginSeconds: 3 });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t.close();
  });

  it('signs in, chats over REST and the socket, keeps both signed in past the token expiry, and is signed out by a password change', async () => {
    const login = await client.api.POST('/api/v1/auth/login', { body: { email: customer.user.email!, password: customer.password } });
    expect(login.response.status).toBe(200);
    client.session.signIn(login.data!.data);
    const firstToken = client.session.tokens!.token;

    const created = await client.api.POST('/api/v1/conversations', { body: { title: 'Where is my refund?' } });
    expect(created.response.status).toBe(201);
    const conversationId = created.data!.data.id;

    const socket = client.connect();
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const joined = await socket.emitWithAck('conversation:join', { conversationId });
    expect(joined).toEqual({ success: true, data: { conversationId } });

    const received = next(socket, 'message:received');
    const sent = await socket.emitWithAck('message:new', { conversationId, content: 'Hello there' });
    if (!sent.success) throw new Error(sent.message);
    expect(sent.data.userMessage.content).toBe('Hello there');
    expect((await received).conversationId).toBe(conversationId);

    // Past the first access token's lifetime: the client refreshed it for the socket (auth:refresh) and for REST.
    await sleep((TTL_SECONDS + 1) * 1000);
    expect(socket.connected).toBe(true);
    expect(client.session.tokens!.token).not.toBe(firstToken);
    const messages = await client.api.GET('/api/v1/conversations/{id}/messages', { params: { path: { id: conversationId } } });
    expect(messages.response.status).toBe(200);
    expect(messages.data!.data.items.map((message) => message.content)).toContain('Hello there');

    // A password change ends the session everywhere: the socket is told why, closed, and stays closed.
    const ended = next(socket, 'auth:session_ended');
    await sleep(1_100); // tokens carry whole seconds
    const changed = await client.api.PATCH('/api/v1/users/me/password', { body: { currentPassword: customer.password, newPassword: 'Purple-Otter-Sings-77' } });
    expect(changed.response.status).toBe(204);
    expect(await ended).toEqual({ reason: 'password_changed' });
    await eventually(() => expect(socket.connected).toBe(false), { what: 'the socket to close' });
    expect(client.session.tokens).toBeUndefined();
  }, 30_000);
});
