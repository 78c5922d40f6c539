import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import bcrypt from 'bcrypt';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/app.setup.js';
import { AccessTokenService } from '../../src/common/auth/access-token.service.js';
import { AppConfig } from '../../src/config/app-config.js';
import type { User } from '../../src/generated/prisma/client.js';
import type { UserRole, UserStatus } from '../../src/generated/prisma/enums.js';
import { PrismaService } from '../../src/infra/database/prisma.service.js';
import { connectSocket } from './socket.js';
import { createTestDatabase } from './test-database.js';

export const TEST_PASSWORD = 'Correct-Horse-42!';

export interface TestUser {
  user: User;
  token: string;
  password: string;
  /** `{ Authorization: 'Bearer …' }` for supertest's `.set()` */
  auth: { Authorization: string };
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  baseUrl: string;
  prisma: PrismaService;
  databaseUrl: string;
  http: () => ReturnType<typeof request>;
  /** Creates a user directly in the database and signs an access token for it. */
  createUser(options?: { role?: UserRole; status?: UserStatus; email?: string; phone?: string; name?: string; password?: string }): Promise<TestUser>;
  socket(token: string | undefined): ReturnType<typeof connectSocket>;
  close(): Promise<void>;
}

/**
 * Boots the production app (`createApp`: Fastify, Socket.IO, guards, filters) on a random port,
 * against a fresh database cloned from the migrated template. One per test file (`beforeAll`).
 */
export async function createTestApp(env: Record<string, string> = {}, extraModules: Type[] = []): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = AppConfig.fromEnv(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      BCRYPT_ROUNDS: '4',
      THROTTLE_LIMIT: '10000',
      // Tests give each simulated client its own X-Forwarded-For address.
      TRUST_PROXY: 'true',
      UPLOAD_DIR: path.join(os.tmpdir(), `cx-test-uploads-${randomUUID()}`),
      DATABASE_POOL_SIZE: '4',
      ...env,
    },
    { databaseUrl: database.url, jwtSecret: env.JWT_SECRET ?? 'test-secret-that-is-long-enough-for-hs256-0123456789' },
  );
  const app = await createApp(config, extraModules);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const prisma = app.get(PrismaService);
  const tokens = app.get(AccessTokenService);
  const sockets: { disconnect(): void }[] = [];
  let sequence = 0;

  return {
    app,
    config,
    baseUrl,
    prisma,
    databaseUrl: database.url,
    http: () => request(app.getHttpServer()),
    async createUser(options = {}) {
      sequence += 1;
      const password = options.password ?? TEST_PASSWORD;
      const role = options.role ?? 'AGENT';
      const user = await prisma.user.create({
        data: {
          email: options.email ?? `${role.toLowerCase()}-${sequence}-${randomUUID().slice(0, 8)}@test.cx`,
          phone: options.phone,
          name: options.name ?? `${role} ${sequence}`,
          role,
          status: options.status ?? 'ACTIVE',
          passwordHash: await bcrypt.hash(password, 4),
        },
      });
      const token = tokens.sign({ id: user.id, role: user.role, status: user.status });
      return { user, token, password, auth: { Authorization: `Bearer ${token}` } };
    },
    async socket(token) {
      const socket = await connectSocket(baseUrl, token);
      sockets.push(socket);
      return socket;
    },
    async close() {
      for (const socket of sockets) socket.disconnect();
      await app.close();
      await database.drop();
    },
  };
}
