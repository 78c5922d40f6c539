/**
 * A readable page of the AsyncAPI document, rendered on the server from the document itself: the
 * AsyncAPI web renderers bring React and a browser DOM library along, for what is a few tables here.
 */
type Json = Record<string, unknown>;
type Schema = Json & { properties?: Record<string, Schema>; required?: string[] };

const escape = (text: unknown) => String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Paragraphs, with `code` spans, from the document's plain descriptions. */
const prose = (text: unknown) =>
  String(text ?? '')
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escape(paragraph).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`)
    .join('');
const refName = (value: unknown) => (typeof value === 'string' ? value.split('/').pop()! : '');

function typeOf(schema: Schema | undefined): string {
  if (!schema) return '';
  if (typeof schema.$ref === 'string') return `<a href="#schema-${escape(refName(schema.$ref))}">${escape(refName(schema.$ref))}</a>`;
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    if (Array.isArray(schema[key])) return (schema[key] as Schema[]).map(typeOf).join(key === 'allOf' ? ' &amp; ' : ' | ');
  }
  if ('const' in schema) return `<code>${escape(JSON.stringify(schema.const))}</code>`;
  const types = ([] as unknown[]).concat(schema.type ?? 'any').map(String);
  const base = types.map((type) => (type === 'array' ? `${typeOf(schema.items as Schema)}[]` : escape(type))).join(' | ');
  const details = [
    schema.format,
    Array.isArray(schema.enum) ? `one of ${(schema.enum as unknown[]).map((value) => JSON.stringify(value)).join(', ')}` : undefined,
  ].filter(Boolean);
  return details.length ? `${base} <small>(${escape(details.join('; '))})</small>` : base;
}

function schemaTable(name: string, schema: Schema): string {
  const rows = Object.entries(schema.properties ?? {})
    .map(
      ([field, property]) =>
        `<tr><td><code>${escape(field)}</code>${schema.required?.includes(field) ? '' : ' <small>optional</small>'}</td><td>${typeOf(property)}</td><td>${escape(property.description)}</td></tr>`,
    )
    .join('');
  return `<section id="schema-${escape(name)}"><h3>${escape(name)}</h3>${rows ? `<table><tr><th>field</th><th>type</th><th>meaning</th></tr>${rows}</table>` : `<p>${typeOf(schema)}</p>`}</section>`;
}

export function renderEventsPage(document: Json): string {
  const info = document.info as Json;
  const channels = document.channels as Record<string, Json>;
  const operations = Object.values(document.operations as Record<string, Json>);
  const messages = (document.components as Json).messages as Record<string, Json>;
  const schemas = (document.components as Json).schemas as Record<string, Schema>;
  const messageOf = (operation: Json) => messages[refName((operation.messages as Json[])[0].$ref)];
  const channelOf = (operation: Json) => refName((operation.channel as Json).$ref);

  const received = operations.filter((operation) => operation.action === 'receive');
  const clientRows = received
    .map((operation) => {
      const message = messageOf(operation);
      const answer = messages[refName(((operation.reply as Json).messages as Json[])[0].$ref)];
      const ok = ((answer.payload as Json).oneOf as Schema[])[0].properties?.data;
      return `<tr><td><code>${escape(operation.title)}</code></td><td>${escape(operation.summary)}${prose(operation.description)}</td><td>${typeOf(message.payload as Schema)}</td><td>${typeOf(ok)}</td></tr>`;
    })
    .join('');

  const channelSections = Object.entries(channels)
    .map(([id, channel]) => {
      const rows = operations
        .filter((operation) => operation.action === 'send' && channelOf(operation) === id)
        .map(
          (operation) =>
            `<tr><td><code>${escape(operation.title)}</code></td><td>${escape(operation.summary)}</td><td>${escape(String(operation.description).replace(/^Received by: /, ''))}</td><td>${typeOf(messageOf(operation).payload as Schema)}</td></tr>`,
        )
        .join('');
      if (!rows) return '';
      return `<section><h3><code>${escape(channel.address ?? 'this socket')}</code> — ${escape(channel.title)}</h3>${prose(channel.description)}<table><tr><th>event</th><th>what happened</th><th>who receives it</th><th>payload</th></tr>${rows}</table></section>`;
    })
    .join('');

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(info.title)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1rem 2rem;color:#1d2330}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:1px solid #d8dce5}h3{margin-top:1.8rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d8dce5;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f5f9}code{background:#f3f5f9;padding:0 .2rem;border-radius:3px}td p{margin:.3rem 0 0}small{color:#5b6478}
pre{background:#1d2330;color:#e8ecf3;padding:1rem;overflow:auto;border-radius:4px}
</style></head><body>
<h1>${escape(info.title)}</h1>
<p>Machine-readable: <a href="/docs/asyncapi.json">/docs/asyncapi.json</a> (AsyncAPI ${escape(document.asyncapi)}). REST: <a href="/docs">/docs</a>.</p>
${prose(info.description)}
<h2>Connect, authenticate, join, listen</h2>
<pre>import { io } from 'socket.io-client';

const socket = io('http://localhost:3000', { transports: ['websocket'], auth: { token: accessToken } });
socket.on('connect_error', (error) =&gt; console.error(error.message)); // "Unauthorized"
socket.on('message:received', ({ conversationId, message }) =&gt; console.log(conversationId, message.content));
const joined = await socket.emitWithAck('conversation:join', { conversationId });
if (!joined.success) console.error(joined.error, joined.message);</pre>
<h2>Events a client sends</h2>
<p>Each is answered through the acknowledgement: <code>{ success: true, data }</code> or the error envelope (<a href="#schema-SocketErrorDto">SocketErrorDto</a>).</p>
<table><tr><th>event</th><th>what it does, who may send it</th><th>payload</th><th>data of the answer</th></tr>${clientRows}</table>
<h2>Events the server sends, by room</h2>
${channelSections}
<h2>Payloads</h2>
${Object.entries(schemas)
  .map(([name, schema]) => schemaTable(name, schema))
  .join('\n')}
</body></html>
`;
}
