/**
 * Regenerates the typed client's generated sources (`npm run client`) from the committed API
 * documents: REST types from openapi.json, event types from asyncapi.json (both through
 * openapi-typescript). With `--check` it fails when the committed sources differ (CI).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

type Json = Record<string, unknown>;
type Ref = { $ref: string };

const OUT = 'client/src/generated';
/** A field with a default is still optional to send. */
const OPTIONS = { defaultNonNullable: false };
const schemaName = (ref: string) => ref.split('/').pop()!;
const schemaType = (ref: string) => `components['schemas'][${JSON.stringify(schemaName(ref))}]`;
const refOf = (node: unknown): string => (node as Ref).$ref;

async function restTypes(): Promise<string> {
  const ast = await openapiTS(JSON.parse(readFileSync('openapi.json', 'utf8')) as never, OPTIONS);
  return COMMENT_HEADER + astToString(ast);
}

/** The payload schemas as TypeScript (through an OpenAPI 3.1 wrapper: its schemas are JSON Schema), then the event maps. */
async function eventTypes(): Promise<string> {
  const asyncapi = JSON.parse(readFileSync('asyncapi.json', 'utf8')) as Json;
  const components = asyncapi.components as { schemas: Json; messages: Record<string, { name: string; payload: Json }> };
  const operations = Object.values(asyncapi.operations as Record<string, Json>);
  const message = (ref: Ref) => components.messages[schemaName(ref.$ref)];
  const payloadType = (payload: Json): string =>
    Array.isArray(payload.oneOf)
      ? (payload.oneOf as Json[]).map((part) => ('$ref' in part ? schemaType(refOf(part)) : 'string')).join(' | ')
      : schemaType(refOf(payload));

  const server = new Map<string, Set<string>>();
  const client: string[] = [];
  for (const operation of operations) {
    const [request] = operation.messages as Ref[];
    const { name, payload } = message(request);
    if (operation.action === 'send') {
      server.set(name, (server.get(name) ?? new Set()).add(payloadType(payload)));
    } else {
      const [answer] = (operation.reply as { messages: Ref[] }).messages;
      const ok = (message(answer).payload.oneOf as Json[])[0] as { properties: { data: Ref } };
      client.push(`  ${JSON.stringify(name)}: (payload: ${payloadType(payload)}, ack: (answer: Ack<${schemaType(ok.properties.data.$ref)}>) => void) => void;`);
    }
  }

  const wrapper = { openapi: '3.1.0', info: { title: 'events', version: '1' }, paths: {}, components: { schemas: components.schemas } };
  const schemas = astToString(await openapiTS(wrapper as never, OPTIONS)).replace(/export type \$defs[\s\S]*$/, '');
  return [
    COMMENT_HEADER.replace('openapi-typescript', 'scripts/client.ts (openapi-typescript) from asyncapi.json'),
    schemas.trim(),
    '',
    '/** What every client event is answered with. */',
    `export type Ack<T> = { success: true; data: T } | ${schemaType('SocketErrorDto')};`,
    '',
    '/** Events the server sends (socket.io-client `on`). */',
    'export interface ServerToClientEvents {',
    ...[...server].sort(([a], [b]) => a.localeCompare(b)).map(([name, types]) => `  ${JSON.stringify(name)}: (payload: ${[...types].join(' | ')}) => void;`),
    '}',
    '',
    '/** Events a client sends, each with its acknowledgement (socket.io-client `emitWithAck`). */',
    'export interface ClientToServerEvents {',
    ...client.sort(),
    '}',
    '',
  ].join('\n');
}

const files: Record<string, string> = { [`${OUT}/openapi.ts`]: await restTypes(), [`${OUT}/events.ts`]: await eventTypes() };

if (process.argv.includes('--check')) {
  const stale = Object.entries(files).filter(([file, text]) => {
    try {
      return readFileSync(file, 'utf8') !== text;
    } catch {
      return true;
    }
  });
  if (stale.length) {
    console.error(`${stale.map(([file]) => file).join(', ')} out of date: run \`npm run client\` and commit the result.`);
    process.exit(1);
  }
  console.log('The client package is up to date.');
} else {
  for (const [file, text] of Object.entries(files)) writeFileSync(file, text);
  console.log(`Wrote ${Object.keys(files).join(', ')}.`);
}
