/**
 * Column and parameter types of typed SQL statements. Each names the PostgreSQL type the statement
 * must produce (checked against the database by `test/e2e/sql-statements.e2e-spec.ts`) and carries the
 * TypeScript type that node-postgres parses it into.
 */
export interface Column<T> {
  /** `pg_type.typname` as PostgreSQL reports it (`int4`, `timestamptz`, `_text` for `text[]`, an enum's name). */
  readonly pg: string;
  readonly nullable: boolean;
  /** Phantom: only carries the TypeScript type. */
  readonly __type?: T;
}

const column = <T>(pg: string): Column<T> => ({ pg, nullable: false });

export const col = {
  uuid: column<string>('uuid'),
  text: column<string>('text'),
  varchar: column<string>('varchar'),
  /** `char(n)`: PostgreSQL's type name is `bpchar`. */
  char: column<string>('bpchar'),
  bool: column<boolean>('bool'),
  int: column<number>('int4'),
  /** node-postgres returns int8 as a string (it may exceed 2^53); cast counts with `::int`. */
  bigint: column<string>('int8'),
  float: column<number>('float8'),
  timestamptz: column<Date>('timestamptz'),
  jsonb: column<unknown>('jsonb'),
  textArray: column<string[]>('_text'),
  uuidArray: column<string[]>('_uuid'),
  intArray: column<number[]>('_int4'),
  timestamptzArray: column<Date[]>('_timestamptz'),
  /** A Prisma enum: PostgreSQL's type name is the enum's name as declared in the schema. */
  enum: <T extends string>(name: string): Column<T> => column<T>(name),
  /** A Prisma enum array. */
  enumArray: <T extends string>(name: string): Column<T[]> => column<T[]>(`_${name}`),
  nullable: <T>(inner: Column<T>): Column<T | null> => ({ pg: inner.pg, nullable: true }),
};

export type ColumnMap = Readonly<Record<string, Column<unknown>>>;

export type ValueOf<C> = C extends Column<infer T> ? T : never;

export type RowOf<C extends ColumnMap> = { -readonly [K in keyof C]: ValueOf<C[K]> };

export type ParamValues<P extends readonly Column<unknown>[]> = { -readonly [I in keyof P]: ValueOf<P[I]> };
