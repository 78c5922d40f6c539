import { Logger } from '@nestjs/common';
import { createRootLogger, PinoNestLogger } from './pino-logger.js';
import { runWithRequestId } from './request-context.js';

interface Line {
  level: number;
  msg?: string;
  context?: string;
  requestId?: string;
  stack?: string;
  err?: { type: string; message: string; stack: string };
  [field: string]: unknown;
}

/** The adapter over a pino logger whose lines land in memory, parsed as pino wrote them. */
async function capture(level = 'trace') {
  const lines: Line[] = [];
  const destination = { write: (line: string) => void lines.push(JSON.parse(line) as Line) };
  const adapter = new PinoNestLogger(await createRootLogger({ level, format: 'json', destination }));
  return { adapter, lines };
}

describe('PinoNestLogger (Nest Logger → pino)', () => {
  afterEach(() => Logger.overrideLogger(false));

  it('log: the message in msg, the context in context, at info', async () => {
    const { adapter, lines } = await capture();
    adapter.log('Gig sweep done', 'GigsSweeper');
    expect(lines).toEqual([expect.objectContaining({ level: 30, msg: 'Gig sweep done', context: 'GigsSweeper' })]);
    expect(lines[0]).not.toHaveProperty('requestId');
  });

  it('log: a fields object keeps its fields, its msg becomes the message', async () => {
    const { adapter, lines } = await capture();
    adapter.log({ msg: 'Gig sweep', settled: 2, escalated: 0 }, 'GigsSweeper');
    expect(lines).toEqual([expect.objectContaining({ level: 30, msg: 'Gig sweep', context: 'GigsSweeper', settled: 2, escalated: 0 })]);
  });

  it("log: Nest's start-up lines (modules, routes, socket handlers) go to debug", async () => {
    const { adapter, lines } = await capture('info');
    adapter.log('Mapped {/api/v1/faqs, GET} route', 'RouterExplorer');
    adapter.log('AppModule dependencies initialized', 'InstanceLoader');
    expect(lines).toEqual([]);
    const verbose = await capture('debug');
    verbose.adapter.log('Mapped {/api/v1/faqs, GET} route', 'RouterExplorer');
    expect(verbose.lines).toEqual([expect.objectContaining({ level: 20, msg: 'Mapped {/api/v1/faqs, GET} route', context: 'RouterExplorer' })]);
  });

  it('error: (message, stack, context) puts the stack in stack and the context in context', async () => {
    const { adapter, lines } = await capture();
    const failure = new Error('boom');
    adapter.error('Scoring failed', failure.stack, 'AnswerScoring');
    expect(lines).toEqual([expect.objectContaining({ level: 50, msg: 'Scoring failed', context: 'AnswerScoring', stack: failure.stack })]);
  });

  it('error: an err field is serialized the way pino does (type, message, stack)', async () => {
    const { adapter, lines } = await capture();
    adapter.error({ msg: 'Unhandled error', err: new TypeError('bad'), url: '/api/v1/x' }, undefined, 'HTTP');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 50,
        msg: 'Unhandled error',
        context: 'HTTP',
        url: '/api/v1/x',
        err: expect.objectContaining({ type: 'TypeError', message: 'bad', stack: expect.stringContaining('TypeError: bad') }),
      }),
    ]);
  });

  it('error: an Error as the message, and a stack without a context', async () => {
    const { adapter, lines } = await capture();
    const failure = new RangeError('out of range');
    adapter.error(failure);
    adapter.error('Shutdown failed', failure.stack);
    expect(lines).toEqual([
      expect.objectContaining({ level: 50, msg: 'out of range', err: expect.objectContaining({ type: 'RangeError', message: 'out of range' }) }),
      expect.objectContaining({ level: 50, msg: 'Shutdown failed', stack: failure.stack }),
    ]);
    expect(lines[1]).not.toHaveProperty('context');
  });

  it('warn, debug, verbose, fatal: their pino levels, message and context', async () => {
    const { adapter, lines } = await capture();
    adapter.warn('Queue slow', 'Queue');
    adapter.debug('Cache miss', 'Cache');
    adapter.verbose('Polling', 'Speech');
    adapter.fatal('Out of memory', 'Main');
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, msg: 'Queue slow', context: 'Queue' }),
      expect.objectContaining({ level: 20, msg: 'Cache miss', context: 'Cache' }),
      expect.objectContaining({ level: 10, msg: 'Polling', context: 'Speech' }),
      expect.objectContaining({ level: 60, msg: 'Out of memory', context: 'Main' }),
    ]);
  });

  it('every method adds the requestId of the request or event being handled, also after an await', async () => {
    const { adapter, lines } = await capture();
    await runWithRequestId('req-42', async () => {
      adapter.log('one', 'A');
      await new Promise((resolve) => setImmediate(resolve));
      adapter.warn('two', 'A');
      adapter.error({ msg: 'three', err: new Error('x') }, undefined, 'A');
      adapter.debug('four', 'A');
      adapter.verbose('five', 'A');
      adapter.fatal('six', 'A');
    });
    adapter.log('after', 'A');
    expect(lines.slice(0, 6).map((line) => [line.msg, line.requestId])).toEqual([
      ['one', 'req-42'],
      ['two', 'req-42'],
      ['three', 'req-42'],
      ['four', 'req-42'],
      ['five', 'req-42'],
      ['six', 'req-42'],
    ]);
    expect(lines[6]).toEqual(expect.objectContaining({ msg: 'after' }));
    expect(lines[6]).not.toHaveProperty('requestId');
  });

  it("through Nest's Logger with a context, as services use it", async () => {
    const { adapter, lines } = await capture();
    Logger.overrideLogger(adapter);
    const logger = new Logger('OtpService');
    runWithRequestId('req-7', () => {
      logger.log('Code sent');
      logger.error({ msg: 'OTP delivery failed', err: new Error('smtp down'), channel: 'EMAIL' });
      logger.warn({ msg: 'Slow provider', ms: 900 });
    });
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, msg: 'Code sent', context: 'OtpService', requestId: 'req-7' }),
      expect.objectContaining({
        level: 50,
        msg: 'OTP delivery failed',
        context: 'OtpService',
        requestId: 'req-7',
        channel: 'EMAIL',
        err: expect.objectContaining({ message: 'smtp down' }),
      }),
      expect.objectContaining({ level: 40, msg: 'Slow provider', context: 'OtpService', requestId: 'req-7', ms: 900 }),
    ]);
    expect(lines[1]).not.toHaveProperty('stack');
  });
});
