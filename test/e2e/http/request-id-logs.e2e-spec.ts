import 'reflect-metadata';
import { Body, Controller, Injectable, Logger, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import bcrypt from 'bcrypt';
import type { Socket as ServerSocket } from 'socket.io';
import type { Socket } from 'socket.io-client';
import { createApp } from '../../../src/app.setup.js';
import { AccessTokenService } from '../../../src/common/auth/access-token.service.js';
import { Public } from '../../../src/common/auth/access.decorators.js';
import { AppConfig } from '../../../src/config/app-config.js';
import { PrismaService } from '../../../src/infra/database/prisma.service.js';
import { connectSocket, emitWithAck } from '../../support/socket.js';
import { createTestDatabase } from '../../support/test-database.js';

interface Line {
  level: number;
  msg?: string;
  context?: string;
  requestId?: string;
}

/** A service that logs after awaiting, as real services do after a query. */
@Injectable()
class EchoService {
  private readonly logger = new Logger('EchoService');

  async echo(word: string): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.logger.log({ msg: 'echoing', word });
    return word;
  }
}

@Controller('log-probe')
class EchoController {
  constructor(private readonly service: EchoService) {}

  @Public()
  @Post()
  async echo(@Body() body: { word: string }) {
    return { word: await this.service.echo(body.word) };
  }

  @Public()
  @Post('fail')
  fail(): never {
    throw new Error('probe failure');
  }
}

@WebSocketGateway()
class EchoGateway {
  constructor(private readonly service: EchoService) {}

  @Public()
  @SubscribeMessage('log-probe')
  async echo(@ConnectedSocket() socket: ServerSocket, @MessageBody() body: { word: string }) {
    return { word: await this.service.echo(body.word), socketId: socket.id };
  }
}

@Module({ controllers: [EchoController], providers: [EchoService, EchoGateway] })
class EchoModule {}

describe('request ids in the log lines of a request or socket event', () => {
  const lines: Line[] = [];
  let app: NestFastifyApplication;
  let database: { url: string; drop: () => Promise<void> };
  let baseUrl: string;
  let socket: Socket | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = AppConfig.fromEnv(
      { NODE_ENV: 'test', LOG_LEVEL: 'info', LOG_FORMAT: 'json', BCRYPT_ROUNDS: '4' },
      { databaseUrl: database.url, jwtSecret: 'request-id-logs-secret-that-is-long-enough-0123456789' },
    );
    app = await createApp(config, [EchoModule], { logDestination: { write: (line: string) => void lines.push(JSON.parse(line) as Line) } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });

  afterAll(async () => {
    socket?.disconnect();
    await app?.close();
    await database?.drop();
  });

  it("a service line written while handling an HTTP request (after its body was parsed) carries the request's X-Request-Id", async () => {
    const ids = ['probe-a', 'probe-b', 'probe-c'];
    const answers = await Promise.all(
      ids.map((id) =>
        fetch(`${baseUrl}/api/v1/log-probe`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': id },
          body: JSON.stringify({ word: id }),
        }),
      ),
    );
    expect(answers.map((answer) => answer.headers.get('x-request-id'))).toEqual(ids);
    for (const id of ids) {
      expect(lines.filter((line) => line.msg === 'echoing' && (line as { word?: string }).word === id)).toEqual([
        expect.objectContaining({ level: 30, context: 'EchoService', requestId: id }),
      ]);
      expect(lines).toContainEqual(expect.objectContaining({ msg: 'request completed', requestId: id }));
    }
  });

  it('the exception filter logs an unexpected error with the request id the error body names', async () => {
    const answer = await fetch(`${baseUrl}/api/v1/log-probe/fail`, { method: 'POST', headers: { 'x-request-id': 'probe-fail' } });
    expect(answer.status).toBe(500);
    expect(await answer.json()).toEqual(expect.objectContaining({ requestId: 'probe-fail' }));
    expect(lines).toContainEqual(expect.objectContaining({ level: 50, msg: 'Unhandled error', context: 'HTTP', requestId: 'probe-fail' }));
  });

  it('each socket event gets an id of its own, made of the socket id and a sequence number', async () => {
    const prisma = app.get(PrismaService);
    const user = await prisma.user.create({
      data: { email: 'log-probe@test.cx', name: 'Probe', role: 'AGENT', status: 'ACTIVE', passwordHash: await bcrypt.hash('Correct-Horse-42!', 4) },
    });
    const token = app.get(AccessTokenService).sign({ id: user.id, role: user.role, status: user.status });
    socket = await connectSocket(baseUrl, token);
    const first = await emitWithAck<{ word: string; socketId: string }>(socket, 'log-probe', { word: 'ws-one' });
    await emitWithAck(socket, 'log-probe', { word: 'ws-two' });
    const idOf = (word: string) => lines.find((line) => line.msg === 'echoing' && (line as { word?: string }).word === word)?.requestId;
    expect(idOf('ws-one')).toBe(`${first.socketId}.1`);
    expect(idOf('ws-two')).toBe(`${first.socketId}.2`);
  });
});
