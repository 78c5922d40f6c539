import { readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { isSqlStatement, type SqlStatement } from '../../src/infra/database/sql/statement.js';
import { describeStatement } from '../support/describe-statement.js';
import { createTestDatabase } from '../support/test-database.js';

const SRC = path.resolve('src');

/** Every exported statement of every `*.sql.ts` file under src/. */
async function loadStatements(): Promise<Array<{ file: string; statement: SqlStatement<readonly unknown[], unknown> }>> {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.sql.ts'))
    .sort();
  const found = [];
  for (const file of files) {
    const exports = (await import(path.join(SRC, file))) as Record<string, unknown>;
    for (const value of Object.values(exports)) if (isSqlStatement(value)) found.push({ file, statement: value });
  }
  return found;
}

/**
 * The typed SQL of the hot paths is checked against the migrated schema: each statement parses, and
 * the parameter types, result columns, their types and their nullability are what its declaration
 * says (the TypeScript types callers see are derived from that declaration).
 */
describe('Typed SQL statements match the schema', () => {
  let client: pg.Client;
  let drop: () => Promise<void>;
  let statements: Awaited<ReturnType<typeof loadStatements>>;
  const typeNames = new Map<number, string>();
  const notNull = new Map<string, boolean>();

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    statements = await loadStatements();
    const types = await client.query<{ oid: number; typname: string }>('SELECT oid::int AS oid, typname FROM pg_type');
    for (const row of types.rows) typeNames.set(row.oid, row.typname);
    const columns = await client.query<{ table_oid: number; attnum: number; attnotnull: boolean }>(
      `SELECT attrelid::int AS table_oid, attnum, attnotnull FROM pg_attribute
       JOIN pg_class ON pg_class.oid = attrelid JOIN pg_namespace ON pg_namespace.oid = relnamespace
       WHERE nspname = 'public' AND attnum > 0`,
    );
    for (const row of columns.rows) notNull.set(`${row.table_oid}:${row.attnum}`, row.attnotnull);
  });

  afterAll(async () => {
    await client?.end();
    await drop?.();
  });

  it('finds the statements and their names are unique', () => {
    expect(statements.length).toBeGreaterThan(0);
    const names = statements.map(({ statement }) => statement.name);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });

  it('each statement parses with the declared parameter and column types', async () => {
    const problems: string[] = [];
    for (const { file, statement } of statements) {
      const where = `${file} ${statement.name}`;
      let description;
      try {
        description = await describeStatement(client, statement.text);
      } catch (error) {
        problems.push(`${where}: ${(error as Error).message}`);
        continue;
      }
      const actualParams = description.paramOids.map((oid) => typeNames.get(oid));
      const declaredParams = statement.params.map((param) => param.pg);
      if (JSON.stringify(actualParams) !== JSON.stringify(declaredParams)) {
        problems.push(`${where}: parameters are (${actualParams.join(', ')}), declared (${declaredParams.join(', ')})`);
      }
      const declared = Object.entries(statement.columns);
      const actualNames = description.fields.map((field) => field.name);
      if (JSON.stringify(actualNames) !== JSON.stringify(declared.map(([name]) => name))) {
        problems.push(`${where}: returns columns (${actualNames.join(', ')}), declared (${declared.map(([name]) => name).join(', ')})`);
        continue;
      }
      for (const [index, field] of description.fields.entries()) {
        const [, column] = declared[index]!;
        const actualType = typeNames.get(field.typeOid);
        if (actualType !== column.pg) problems.push(`${where}: column ${field.name} is ${actualType}, declared ${column.pg}`);
        // A column read straight from a nullable table column must be declared nullable. (Computed
        // columns and outer joins cannot be checked this way; their declarations are reviewed.)
        if (!column.nullable && field.tableOid && notNull.get(`${field.tableOid}:${field.columnNumber}`) === false) {
          problems.push(`${where}: column ${field.name} may be NULL but is declared not nullable`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
