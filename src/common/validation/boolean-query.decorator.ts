import { Transform } from 'class-transformer';

/** Reads the query-string words `true` and `false` as booleans; anything else is left for `@IsBoolean()` to refuse. */
export const QueryBoolean = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));
