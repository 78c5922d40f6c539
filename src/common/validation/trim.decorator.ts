import { Transform } from 'class-transformer';

/** Trims a string input before it is validated; anything else is left for the validators to refuse. */
export const Trim = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Trims and lower-cases a string input (usernames); anything else is left for the validators to refuse. */
export const TrimLowercase = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));
