/**
 * Writes openapi.json from the code (`npm run openapi`), or with `--check` fails when the committed
 * file differs from what the code generates (CI). Builds the app without listening or connecting.
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { createApp } from '../src/app.setup.js';
import { AppConfig } from '../src/config/app-config.js';
import { buildOpenApiDocument } from '../src/swagger.js';
import { sortKeys } from './sort-keys.js';

const FILE = 'openapi.json';

const config = AppConfig.fromEnv(
  { LOG_LEVEL: 'silent', SWAGGER_ENABLED: 'false' },
  { databaseUrl: 'postgresql://localhost/openapi', jwtSecret: 'o'.repeat(32) },
);
const app = await createApp(config);
const document = `${JSON.stringify(sortKeys(buildOpenApiDocument(app)), null, 2)}\n`;

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(FILE, 'utf8');
  } catch {
    // missing counts as different
  }
  if (committed !== document) {
    console.error(`${FILE} is out of date: run \`npm run openapi\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${FILE} is up to date.`);
} else {
  writeFileSync(FILE, document);
  console.log(`Wrote ${FILE} (${Object.keys(JSON.parse(document).paths).length} paths).`);
}
process.exit(0);
