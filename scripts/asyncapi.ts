/**
 * Writes asyncapi.json from the realtime contract (`npm run asyncapi`), or with `--check` fails when
 * the committed file differs from what the code generates (CI). Builds the app without listening.
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { createApp } from '../src/app.setup.js';
import { AppConfig } from '../src/config/app-config.js';
import { buildAsyncApiDocument } from '../src/infra/realtime/docs/asyncapi.js';
import { sortKeys } from './sort-keys.js';

const FILE = 'asyncapi.json';

const config = AppConfig.fromEnv(
  { LOG_LEVEL: 'silent', SWAGGER_ENABLED: 'false' },
  { databaseUrl: 'postgresql://localhost/asyncapi', jwtSecret: 'a'.repeat(32) },
);
const app = await createApp(config);
const document = `${JSON.stringify(sortKeys(buildAsyncApiDocument(app)), null, 2)}\n`;

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(FILE, 'utf8');
  } catch {
    // missing counts as different
  }
  if (committed !== document) {
    console.error(`${FILE} is out of date: run \`npm run asyncapi\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${FILE} is up to date.`);
} else {
  writeFileSync(FILE, document);
  const parsed = JSON.parse(document) as { operations: Record<string, unknown> };
  console.log(`Wrote ${FILE} (${Object.keys(parsed.operations).length} operations).`);
}
process.exit(0);
