import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DiscoveryModule, DiscoveryService, MetadataScanner } from '@nestjs/core';
import { MESSAGE_METADATA, PARAM_ARGS_METADATA } from '@nestjs/websockets/constants.js';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import ts from 'typescript';
import { CLIENT_EVENTS, SERVER_EVENTS } from '../../src/infra/realtime/contract/index.js';
import type { ClientEventSpec } from '../../src/infra/realtime/contract/define.js';
import { buildAsyncApiDocument } from '../../src/infra/realtime/docs/asyncapi.js';
import { ConversationRefPipe } from '../../src/modules/chatbot/dto/socket.dto.js';
import { createTestApp, TestApp } from '../support/test-app.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PAYLOAD_PARAM = 3; // WsParamtype.PAYLOAD

/** Socket emits in the source whose event name is not a declared server event (or not a literal at all). */
function undeclaredEmits(declared: Set<string>): { checked: number; found: string[]; emitters: Map<string, Set<string>> } {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(ROOT, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  )!;
  const program = ts.createProgram({
    rootNames: config.fileNames.filter((file) => file.startsWith(path.join(ROOT, 'src/'))),
    options: { ...config.options, noEmit: true, incremental: false },
  });
  const checker = program.getTypeChecker();
  const found: string[] = [];
  const emitters = new Map<string, Set<string>>();
  let checked = 0;
  // Calls whose declaration lives in Socket.IO's emitters or in RealtimeService send events to clients.
  const isSocketEmit = (call: ts.CallExpression) => {
    const declaration = checker.getResolvedSignature(call)?.getDeclaration();
    const file = declaration?.getSourceFile().fileName ?? '';
    return (
      /node_modules\/socket\.io\/dist\/(typed-events|broadcast-operator|socket|namespace|index)\.d\.ts$/.test(file) ||
      file.endsWith('src/infra/realtime/realtime.service.ts')
    );
  };
  const eventNames = (node: ts.Expression): string[] | undefined => {
    const type = checker.getTypeAtLocation(node);
    const parts = type.isUnion() ? type.types : [type];
    return parts.every((part) => part.isStringLiteral()) ? parts.map((part) => (part as ts.StringLiteralType).value) : undefined;
  };
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(path.join(ROOT, 'src/')) || file.fileName.includes('/generated/') || file.fileName.endsWith('realtime.service.ts')) continue;
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        ['emit', 'emitWithAck', 'toRoom', 'toUser', 'toRoles'].includes(node.expression.name.text) &&
        isSocketEmit(node)
      ) {
        checked += 1;
        const eventArg = node.expression.name.text.startsWith('to') ? node.arguments[1] : node.arguments[0];
        const names = eventArg && eventNames(eventArg);
        const where = `${path.relative(ROOT, file.fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        if (!names) found.push(`${where} emits an event whose name is not a declared literal`);
        else {
          for (const name of names.filter((name) => !declared.has(name))) found.push(`${where} emits "${name}"`);
          for (const name of names) emitters.set(name, (emitters.get(name) ?? new Set()).add(path.relative(ROOT, file.fileName)));
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return { checked, found, emitters };
}

describe('The realtime contract', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({}, [DiscoveryModule]);
  });
  afterAll(() => t.close());

  it('declares every event a gateway handles, with the payload class the handler validates, and nothing without a handler', () => {
    const discovery = t.app.get(DiscoveryService);
    const scanner = t.app.get(MetadataScanner);
    const handled = new Map<string, string>();
    const problems: string[] = [];
    for (const wrapper of discovery.getProviders()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, (...args: unknown[]) => unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const event = Reflect.getMetadata(MESSAGE_METADATA, prototype[name]) as string | undefined;
        if (event === undefined) continue;
        const where = `${instance.constructor.name}.${name}`;
        handled.set(event, where);
        const spec = (CLIENT_EVENTS as Record<string, ClientEventSpec>)[event];
        if (!spec) {
          problems.push(`${where} handles "${event}", which the contract does not declare`);
          continue;
        }
        const args = (Reflect.getMetadata(PARAM_ARGS_METADATA, instance.constructor, name) ?? {}) as Record<string, { index: number; pipes: unknown[] }>;
        const body = Object.entries(args).find(([key]) => key.startsWith(`${PAYLOAD_PARAM}:`))?.[1];
        const types = (Reflect.getMetadata('design:paramtypes', prototype, name) ?? []) as unknown[];
        const validatedAs = body && (body.pipes.includes(ConversationRefPipe) && spec.bareValueOf ? spec.payload : types[body.index]);
        if (validatedAs !== spec.payload)
          problems.push(`${where} validates its payload as ${(validatedAs as { name?: string })?.name ?? 'nothing'}, the contract says ${spec.payload.name}`);
      }
    }
    for (const event of Object.keys(CLIENT_EVENTS)) if (!handled.has(event)) problems.push(`"${event}" is declared but no gateway handles it`);
    expect(handled.size).toBeGreaterThan(10);
    expect(problems).toEqual([]);
  });

  it('declares every event the source emits to sockets, and only NotificationsService emits notification:new', () => {
    const { checked, found, emitters } = undeclaredEmits(new Set(Object.keys(SERVER_EVENTS)));
    expect(checked).toBeGreaterThan(30);
    expect(found).toEqual([]);
    // A notification is stored and pushed as well as emitted: nothing else may emit one.
    expect([...(emitters.get('notification:new') ?? [])]).toEqual(['src/modules/notifications/notifications.service.ts']);
  }, 120_000);

  it('is the committed asyncapi.json, a valid AsyncAPI 3 document naming every event, whose references all resolve', () => {
    const generated = JSON.parse(JSON.stringify(buildAsyncApiDocument(t.app))) as Record<string, unknown>;
    const committed = JSON.parse(readFileSync(path.join(ROOT, 'asyncapi.json'), 'utf8')) as Record<string, unknown>;
    expect(committed).toEqual(generated);

    const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@asyncapi/specs/schemas/3.0.0-without-$id.json'), 'utf8')));
    expect(validate(committed) ? [] : validate.errors).toEqual([]);

    const messageNames = new Set(
      Object.values((committed.components as { messages: Record<string, { name: string }> }).messages).map((message) => message.name),
    );
    for (const event of [
      ...Object.keys(SERVER_EVENTS),
      ...Object.keys(CLIENT_EVENTS),
      ...Object.keys(CLIENT_EVENTS).map((event) => `${event} (acknowledgement)`),
    ]) {
      expect([event, messageNames.has(event)]).toEqual([event, true]);
    }

    const text = JSON.stringify(committed);
    const unresolved = [...text.matchAll(/"\$ref":"#\/([^"]+)"/g)]
      .map((match) => match[1])
      .filter((pointer) => pointer.split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], committed) === undefined);
    expect(unresolved).toEqual([]);
  });

  it('serves the document at /docs/asyncapi.json and a readable page of every event at /docs/events, linked from Swagger', async () => {
    const document = await t.http().get('/docs/asyncapi.json').expect(200);
    expect(document.headers['content-type']).toContain('application/json');
    expect(document.body.asyncapi).toBe('3.0.0');
    const page = await t.http().get('/docs/events').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    for (const event of [...Object.keys(SERVER_EVENTS), ...Object.keys(CLIENT_EVENTS)])
      expect([event, page.text.includes(`<code>${event}</code>`)]).toEqual([event, true]);
    const swagger = await t.http().get('/docs-json').expect(200);
    expect(swagger.body.info.description).toContain('/docs/asyncapi.json');
    expect(swagger.body.info.description).toContain('/docs/events');
  });
});
