// Walks the README's first steps against a running server (the built bundle, in .ci/smoke-embedded.sh):
// Swagger UI and the event docs load, the demo customer signs in, connects a socket, joins a new
// conversation and gets the FAQ's answer to a chat message over the socket.
import { io } from 'socket.io-client';

const base = process.argv[2];
const fail = (message) => {
  console.error(`smoke flow: ${message}`);
  process.exit(1);
};
const json = async (path, init = {}) => {
  const res = await fetch(`${base}${path}`, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  const body = await res.json();
  if (!res.ok) fail(`${init.method ?? 'GET'} ${path} answered ${res.status}: ${JSON.stringify(body)}`);
  return body.data;
};

for (const page of ['/docs', '/docs/events', '/docs/asyncapi.json']) {
  const res = await fetch(`${base}${page}`);
  if (!res.ok) fail(`${page} answered ${res.status}`);
}
const { token } = await json('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ email: 'customer@demo.cx', password: 'Demo#Passw0rd!' }) });
const auth = { authorization: `Bearer ${token}` };
const socket = io(base, { transports: ['websocket'], auth: { token }, reconnection: false });
await new Promise((resolve, reject) => {
  socket.once('connect', resolve);
  socket.once('connect_error', reject);
});
const conversation = await json('/api/v1/conversations', { method: 'POST', headers: auth, body: JSON.stringify({ title: 'Smoke' }) });
const joined = await socket.emitWithAck('conversation:join', { conversationId: conversation.id });
if (!joined.success) fail(`conversation:join: ${JSON.stringify(joined)}`);
const answered = new Promise((resolve) => socket.on('message:received', ({ message }) => message.senderType === 'AI' && resolve(message)));
const sent = await socket.emitWithAck('message:new', { conversationId: conversation.id, content: 'How do I reset my password?' });
if (!sent.success) fail(`message:new: ${JSON.stringify(sent)}`);
const answer = await Promise.race([answered, new Promise((resolve) => setTimeout(resolve, 15_000))]);
if (!answer) fail('no AI answer over the socket within 15 s');
const list = await json('/api/v1/conversations', { headers: auth });
if (!list.items.some((item) => item.id === conversation.id)) fail('the new conversation is not in the list');
socket.close();
console.log(`smoke flow: docs, sign-in, socket and chat work (answered from ${answer.metadata.source})`);
