import { AppConfig } from '../../src/config/app-config.js';
import { createApp } from '../../src/app.setup.js';
import { ProbeModule } from '../support/probe.module.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { createTestDatabase } from '../support/test-database.js';
import request from 'supertest';

describe('Database lost while running', () => {
  it('reports not ready, answers 503, and recovers when the database returns', async () => {
    const database = await createTestDatabase();
    const url = new URL(database.url);
    const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    const proxied = new URL(database.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    const config = AppConfig.fromEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, { databaseUrl: proxied.toString(), jwtSecret: 'x'.repeat(40) });
    const app = await createApp(config, [ProbeModule]);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const http = () => request(app.getHttpServer());
    try {
      await http().get('/api/v1/health/ready').expect(200);

      await proxy.cut();
      const ready = await http().get('/api/v1/health/ready').expect(503);
      expect(ready.body).toMatchObject({ success: false, statusCode: 503, error: 'NOT_READY', details: [{ field: 'database' }] });
      const tokenless = await http().get('/api/v1/probe/me').set('authorization', 'Bearer x').expect(401);
      expect(tokenless.body.success).toBe(false);
      // A route that needs the database answers 503, not 500 (the guard reads the user on every request).
      const { AccessTokenService } = await import('../../src/common/auth/access-token.service.js');
      const token = app.get(AccessTokenService).sign({ id: '00000000-0000-4000-8000-000000000000', role: 'ADMIN', status: 'ACTIVE' });
      const down = await http().get('/api/v1/probe/me').set('authorization', `Bearer ${token}`).expect(503);
      expect(down.body).toMatchObject({ success: false, statusCode: 503, error: 'DATABASE_UNAVAILABLE' });
      await http().get('/api/v1/health').expect(200);

      await proxy.restore();
      await http().get('/api/v1/health/ready').expect(200);
    } finally {
      await app.close();
      await proxy.close();
      await database.drop();
    }
  });
});
