import { DEMO_PASSWORD, DEMO_USERS } from '../infra/database/seed/demo-users.js';
import { EnvironmentVariables } from '../config/environment.js';
import type { AppConfig } from '../config/app-config.js';
import { API_PREFIX } from '../swagger.js';

const DEFAULT_ADMIN_PASSWORD = new EnvironmentVariables().SEED_ADMIN_PASSWORD;

/**
 * What a start prints once it listens: where the API and its documentation are, which database it
 * uses, and, when this start seeded the embedded database outside production, the accounts to sign in
 * with (a SEED_ADMIN_PASSWORD of one's own is named, never printed).
 */
export function startBanner(config: AppConfig, options: { embedded: boolean }): string[] {
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const base = `http://${shown}:${config.port}`;
  const lines = [`API      ${base}/${API_PREFIX}`];
  if (config.swaggerEnabled) {
    lines.push(`Swagger  ${base}/docs  (JSON: ${base}/docs-json)`);
    lines.push(`Events   ${base}/docs/events  (AsyncAPI: ${base}/docs/asyncapi.json)`);
  }
  lines.push(`Database ${options.embedded ? `embedded PostgreSQL (${config.dataDir}/postgres)` : 'DATABASE_URL'}`);
  if (!options.embedded || config.isProduction) return lines;

  const accounts: [string, string, string][] = [
    ['SUPER_ADMIN', config.seed.adminEmail, config.seed.adminPassword === DEFAULT_ADMIN_PASSWORD ? DEFAULT_ADMIN_PASSWORD : '(SEED_ADMIN_PASSWORD)'],
  ];
  if (config.seed.demoData) for (const user of DEMO_USERS) accounts.push([user.role, user.email, DEMO_PASSWORD]);
  const rows: [string, string, string][] = [['role', 'email', 'password'], ...accounts];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length)));
  const format = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  lines.push('', 'Accounts to sign in with:', `  ${format(rows[0])}`, ...accounts.map((row) => `  ${format(row)}`));
  return lines;
}
