import type { Column, ColumnMap, ParamValues, RowOf } from './columns.js';

/**
 * One SQL statement of a hot path: its text, the types of its parameters and of the columns it
 * returns. Statements live in one `<module>.sql.ts` file per module; a test prepares every one of them
 * against the migrated schema and fails when a declared type or nullability disagrees.
 */
export interface SqlStatement<P extends readonly unknown[], R> {
  /** Prepared once per pooled connection under this name; unique across the app. */
  readonly name: string;
  readonly text: string;
  readonly params: readonly Column<unknown>[];
  readonly columns: ColumnMap;
  /** Phantom types for callers. */
  readonly __params?: P;
  readonly __row?: R;
}

export type StatementRow<S> = S extends SqlStatement<readonly unknown[], infer R> ? R : never;

export function sql<const P extends readonly Column<unknown>[], const C extends ColumnMap>(definition: {
  name: string;
  text: string;
  params: P;
  columns: C;
}): SqlStatement<ParamValues<P>, RowOf<C>> {
  return { name: definition.name, text: definition.text, params: definition.params, columns: definition.columns };
}

export function isSqlStatement(value: unknown): value is SqlStatement<readonly unknown[], unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { name?: unknown }).name === 'string' &&
    typeof (value as { text?: unknown }).text === 'string' &&
    Array.isArray((value as { params?: unknown }).params) &&
    typeof (value as { columns?: unknown }).columns === 'object'
  );
}
