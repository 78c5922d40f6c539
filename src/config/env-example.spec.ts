import { readFileSync } from 'node:fs';
import { getMetadataStorage } from 'class-validator';
import { EnvironmentVariables } from './environment.js';

describe('.env.example', () => {
  it('documents every variable the server reads', () => {
    const declared = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(EnvironmentVariables, '', false, false)
        .map((metadata) => metadata.propertyName),
    );
    const example = readFileSync('.env.example', 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s?([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]));
    expect(declared.size).toBeGreaterThan(20);
    expect([...declared].filter((name) => !documented.has(name))).toEqual([]);
  });
});
