/**
 * `npm run db:migration:new -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with
 * the SQL that takes the database of the existing migrations to the current prisma/schema, then
 * applies it to DATABASE_URL. With `--empty`, when the schema has not changed, it writes an empty
 * migration for SQL that Prisma cannot express (index storage parameters, data fixes). It stands in for `prisma migrate dev`, which with the WASM schema engine
 * and a driver adapter (Prisma 6.19) fails in its data-loss check ("shadow DB must be provided through
 * an external factory"); `migrate diff` replays the migrations on a shadow database correctly.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const empty = process.argv.includes('--empty');
const name = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run db:migration:new -- <snake_case_name> [--empty]   (with DATABASE_URL of a dev database)');
  process.exit(1);
}
if (!process.env.DATABASE_URL) {
  console.error('DATABASE_URL must point at a development database (it is used for the shadow database and to apply the result).');
  process.exit(1);
}
const prisma = (args, options = {}) => execFileSync(process.execPath, ['node_modules/prisma/build/index.js', ...args], { encoding: 'utf8', ...options });

const sql = prisma(['migrate', 'diff', '--from-migrations', 'prisma/migrations', '--to-schema-datamodel', 'prisma/schema', '--script']);
const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
const folder = path.join('prisma', 'migrations', `${stamp}_${name}`);
if (!/^\s*(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE|COMMENT)\b/im.test(sql)) {
  if (!empty) {
    console.log('prisma/schema and prisma/migrations already agree: no migration written (--empty writes one for hand-written SQL).');
    process.exit(0);
  }
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'migration.sql'), '-- Hand-written SQL (comments must not contain semicolons)\n');
  console.log(`Wrote ${folder}/migration.sql, empty: write its SQL, then apply it with npm run db:migrate.`);
  process.exit(0);
}
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, 'migration.sql'), sql);
console.log(`Wrote ${folder}/migration.sql; review it (hand-written SQL such as generated columns goes here, before it lands).`);
prisma(['migrate', 'deploy'], { stdio: 'inherit' });
prisma(['generate'], { stdio: 'inherit' });
