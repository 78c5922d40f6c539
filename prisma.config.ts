import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { defineConfig } from 'prisma/config';
import { withNameTypesAsText } from './prisma/pg-name-type-shim.js';

type MigrationAdapter = Awaited<ReturnType<PrismaPg['connect']>>;

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: the Prisma CLI needs it (npm start sets it for the embedded database)');
  return url;
}

/** The pg adapter, with the name-type shim on every pool it reads the catalog through (main and shadow). */
class MigrationPrismaPg extends PrismaPg {
  constructor(private readonly connectionString: string) {
    super(withNameTypesAsText(new pg.Pool({ connectionString, max: 2 })), { disposeExternalPool: true });
  }

  override async connectToShadowDb(): Promise<MigrationAdapter> {
    const database = `prisma_shadow_${randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client({ connectionString: this.connectionString });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const url = new URL(this.connectionString);
    url.pathname = `/${database}`;
    const shadowPool = withNameTypesAsText(new pg.Pool({ connectionString: url.toString(), max: 2 }));
    const adapter = await new PrismaPg(shadowPool, { disposeExternalPool: true }).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      const cleanup = new pg.Client({ connectionString: this.connectionString });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await cleanup.end();
    };
    return adapter;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  schema: path.join('prisma', 'schema'),
  migrations: { path: path.join('prisma', 'migrations') },
  engine: 'js',
  adapter: async () => new MigrationPrismaPg(databaseUrl()),
});
