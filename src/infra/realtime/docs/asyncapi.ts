import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AccessRule } from '../../../common/auth/access.decorators.js';
import { CLIENT_EVENTS, SERVER_EVENTS } from '../contract/index.js';
import type { ClientEventSpec, Delivery, PayloadClass, ServerEventSpec } from '../contract/define.js';
import { SocketErrorDto } from '../contract/connection.contract.js';
import type { RoomKind } from '../rooms.js';
import { OpenApiSchema, toJsonSchema } from './json-schema.js';

type Json = Record<string, unknown>;

/** The channels: one per kind of room, plus the client's own connection. */
const CHANNELS: Record<RoomKind, { address: string | null; title: string; description: string; parameter?: [string, string] }> = {
  user: {
    address: 'user:{userId}',
    title: 'A user’s own room',
    description: 'Every socket of one user joins it in the handshake, on every device.',
    parameter: ['userId', 'The user’s id'],
  },
  role: {
    address: 'role:{role}',
    title: 'A role’s room',
    description: 'Every socket of a user joins the room of their role in the handshake.',
    parameter: ['role', 'SUPER_ADMIN, ADMIN, SUPPORT_AGENT, AGENT, CLIENT or CUSTOMER'],
  },
  conversation: {
    address: 'conversation:{conversationId}',
    title: 'A support conversation',
    description: 'Joined with conversation:join by its owner and by staff; a human agent who takes it over joins automatically.',
    parameter: ['conversationId', 'The conversation’s id'],
  },
  query: {
    address: 'query:{queryId}',
    title: 'A donor query',
    description: 'The donor’s socket (donor token) is in it from the handshake; staff join it with query:join.',
    parameter: ['queryId', 'The donor query’s id'],
  },
  session: {
    address: 'session:{sessionId}',
    title: 'A proctored assessment session',
    description: 'Staff follow a live session with proctoring:watch.',
    parameter: ['sessionId', 'The proctoring session’s id'],
  },
  socket: {
    address: null,
    title: 'The client’s own connection',
    description: 'Events a client sends (each answered through its acknowledgement) and events addressed to that one socket.',
  },
};

const pascal = (name: string) => name.replace(/(^|[^a-zA-Z0-9])([a-zA-Z0-9])/g, (_, __, letter: string) => letter.toUpperCase());
const camel = (name: string) => pascal(name).replace(/^./, (letter) => letter.toLowerCase());
const ref = (path: string) => ({ $ref: path });

function describeAccess(access: AccessRule): string {
  switch (access.kind) {
    case 'public':
      return 'anyone';
    case 'authenticated':
      return 'any signed-in user (a handler for a resource also checks that the user may see it)';
    case 'roles':
      return `users with the role ${access.roles.join(', ')}`;
    case 'guest-or-roles':
      return `the ${access.guest} token’s holder (a donor) or users with the role ${access.roles.join(', ')}`;
  }
}

const securityOf = (access: AccessRule) => [
  ref('#/components/securitySchemes/userToken'),
  ...(access.kind === 'guest-or-roles' ? [ref('#/components/securitySchemes/donorToken')] : []),
];

/**
 * The AsyncAPI 3 document of the Socket.IO surface, built from the realtime contract: channels are
 * the kinds of room, messages the events with JSON Schemas of their payloads (from the same
 * `@ApiProperty` metadata as openapi.json), operations what the server sends and receives, and the
 * handshake's credentials the security schemes. Operations are the server's: `send` goes to clients,
 * `receive` comes from them and is answered through the acknowledgement (`reply`).
 */
export function buildAsyncApiDocument(app: INestApplication): Json {
  const classes = new Set<PayloadClass>([SocketErrorDto]);
  for (const spec of Object.values(SERVER_EVENTS) as ServerEventSpec[]) {
    classes.add(spec.payload);
    for (const delivery of Object.values(spec.to)) if (typeof delivery === 'object' && delivery.payload) classes.add(delivery.payload);
  }
  for (const spec of Object.values(CLIENT_EVENTS) as ClientEventSpec[]) classes.add(spec.payload).add(spec.ack);
  assertUniqueNames(classes);
  const openApi = SwaggerModule.createDocument(app, new DocumentBuilder().build(), { extraModels: [...classes] as never[] });
  const allSchemas = (openApi.components?.schemas ?? {}) as Record<string, OpenApiSchema>;

  const messages: Json = {};
  const channels: Record<string, { messages: Json }> = {};
  const operations: Json = {};
  const channel = (kind: RoomKind) => (channels[kind] ??= { messages: {} });
  const addMessage = (kind: RoomKind, id: string, message: Json) => {
    if (messages[id]) throw new Error(`Two messages would have the id ${id}`);
    messages[id] = message;
    channel(kind).messages[id] = ref(`#/components/messages/${id}`);
    return ref(`#/channels/${kind}/messages/${id}`);
  };

  for (const [event, spec] of Object.entries(SERVER_EVENTS) as [string, ServerEventSpec][]) {
    for (const [kind, target] of Object.entries(spec.to) as [RoomKind, string | Delivery][]) {
      const delivery = typeof target === 'string' ? { audience: target } : target;
      const payload = delivery.payload ?? spec.payload;
      const id = payload === spec.payload ? camel(event) : `${camel(event)}${pascal(kind)}`;
      const message = messages[id]
        ? ref(`#/channels/${kind}/messages/${id}`)
        : addMessage(kind, id, {
            name: event,
            title: event,
            summary: spec.summary,
            ...(spec.description ? { description: spec.description } : {}),
            payload: ref(`#/components/schemas/${payload.name}`),
          });
      if (!channel(kind).messages[id]) channel(kind).messages[id] = ref(`#/components/messages/${id}`);
      operations[`send${pascal(event)}To${pascal(kind)}`] = {
        action: 'send',
        channel: ref(`#/channels/${kind}`),
        title: event,
        summary: spec.summary,
        description: `Received by: ${delivery.audience}.`,
        messages: [message],
      };
    }
  }

  for (const [event, spec] of Object.entries(CLIENT_EVENTS) as [string, ClientEventSpec][]) {
    const request = addMessage('socket', `${camel(event)}Request`, {
      name: event,
      title: event,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      payload: spec.bareValueOf
        ? { oneOf: [ref(`#/components/schemas/${spec.payload.name}`), { type: 'string', format: 'uuid', description: `The ${spec.bareValueOf} alone` }] }
        : ref(`#/components/schemas/${spec.payload.name}`),
    });
    const answer = addMessage('socket', `${camel(event)}Reply`, {
      name: `${event} (acknowledgement)`,
      title: `${event} acknowledgement`,
      summary: `The answer to ${event}: { success: true, data } or the error envelope`,
      payload: {
        oneOf: [
          { type: 'object', required: ['success', 'data'], properties: { success: { const: true }, data: ref(`#/components/schemas/${spec.ack.name}`) } },
          ref(`#/components/schemas/${SocketErrorDto.name}`),
        ],
      },
    });
    operations[`receive${pascal(event)}`] = {
      action: 'receive',
      channel: ref('#/channels/socket'),
      title: event,
      summary: spec.summary,
      description: `${spec.description ? `${spec.description}\n\n` : ''}Who may send it: ${describeAccess(spec.access)}. Emit it with an acknowledgement callback; the answer arrives there.`,
      security: securityOf(spec.access),
      messages: [request],
      reply: { channel: ref('#/channels/socket'), messages: [answer] },
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'CX Platform realtime API (Socket.IO)',
      version: '1.0',
      description: [
        'The Socket.IO events of the CX platform, on the same port as the REST API (`/api/v1`, described in `/docs-json`).',
        'Connect with the WebSocket transport only and the access token in the handshake: `io(url, { transports: ["websocket"], auth: { token } })`. A refused handshake fails with `connect_error` "Unauthorized".',
        'Channels are the rooms a socket can be in; a socket joins its `user:` and `role:` rooms in the handshake and the others with the events that say so.',
        'Every event a client sends is answered through its acknowledgement with `{ success: true, data }` or the error envelope `{ success: false, statusCode, error, message, details? }`.',
        'A user socket lives no longer than its session: it is closed (after `auth:session_ended`) when its access token expires unless `auth:refresh` brought a fresh one, and when the password changes or an admin changes the account.',
      ].join('\n\n'),
    },
    defaultContentType: 'application/json',
    servers: {
      api: {
        host: 'localhost:3000',
        pathname: '/socket.io',
        protocol: 'ws',
        title: 'The API server (Socket.IO over WebSocket; wss behind TLS)',
        security: [ref('#/components/securitySchemes/userToken'), ref('#/components/securitySchemes/donorToken')],
      },
    },
    channels: Object.fromEntries(
      Object.entries(channels).map(([kind, { messages: channelMessages }]) => {
        const info = CHANNELS[kind as RoomKind];
        return [
          kind,
          {
            address: info.address,
            title: info.title,
            description: info.description,
            ...(info.parameter ? { parameters: { [info.parameter[0]]: { description: info.parameter[1] } } } : {}),
            messages: channelMessages,
          },
        ];
      }),
    ),
    operations,
    components: {
      schemas: reachableSchemas(
        allSchemas,
        [...classes].map((cls) => cls.name),
      ),
      messages,
      securitySchemes: {
        userToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A user access token (POST /api/v1/auth/login or /auth/refresh), sent in the Socket.IO handshake as `auth: { token }` (or an `Authorization: Bearer` header).',
        },
        donorToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The donor access token of one query (POST /api/v1/donor-queries), sent the same way; the socket joins only that query’s room.',
        },
      },
    },
  };
}

/** The named schemas the payloads use, and those they refer to, converted to JSON Schema. */
function reachableSchemas(all: Record<string, OpenApiSchema>, roots: string[]): Record<string, OpenApiSchema> {
  const out: Record<string, OpenApiSchema> = {};
  const visit = (name: string) => {
    if (out[name] || !all[name]) return;
    out[name] = toJsonSchema(all[name]);
    for (const match of JSON.stringify(all[name]).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) visit(match[1]);
  };
  for (const name of roots) visit(name);
  return Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((name) => [name, out[name]]),
  );
}

function assertUniqueNames(classes: Set<PayloadClass>): void {
  const seen = new Map<string, PayloadClass>();
  for (const cls of classes) {
    const other = seen.get(cls.name);
    if (other && other !== cls) throw new Error(`Two payload classes are named ${cls.name}: schema names must be unique`);
    seen.set(cls.name, cls);
  }
}
