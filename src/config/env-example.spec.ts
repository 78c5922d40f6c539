import { readFileSync } from 'node:fs';
import { getMetadataStorage } from 'class-validator';
import { EnvironmentVariables } from './environment.js';

/**
 * Every field of the configuration class, including optional ones without a default: class fields
 * are defined on the instance (ES2022 semantics), so a bare `FOO?: string` is listed too.
 */
const fields = Object.keys(new EnvironmentVariables());
const validated = new Set(
  getMetadataStorage()
    .getTargetValidationMetadatas(EnvironmentVariables, '', false, false)
    .map((metadata) => metadata.propertyName),
);

describe('the configuration class and .env.example', () => {
  it('sees every field, also those without a default', () => {
    expect(fields.length).toBeGreaterThan(20);
    expect(fields).toEqual(expect.arrayContaining(['DATABASE_URL', 'JWT_SECRET', 'GIGS_AUTO_APPROVE_DAYS']));
  });

  it('validates every field', () => {
    expect(fields.filter((name) => !validated.has(name))).toEqual([]);
  });

  it('documents every field in .env.example', () => {
    const example = readFileSync('.env.example', 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s?([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]));
    expect(fields.filter((name) => !documented.has(name))).toEqual([]);
  });
});
