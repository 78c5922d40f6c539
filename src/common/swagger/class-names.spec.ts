import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SRC = join(process.cwd(), 'src');

/**
 * Swagger names a schema after its class, and the bundle (scripts/bundle.mjs) renames one of two
 * top-level classes that share a name: two classes of one name give one schema for both in
 * openapi.json and a wrong name in logs. Every class in src has its own name.
 */
describe('Class names', () => {
  it('are unique across src', () => {
    const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter(
      (file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.startsWith('generated'),
    );
    const seen = new Map<string, string[]>();
    for (const file of files) {
      for (const [, name] of readFileSync(join(SRC, file), 'utf8').matchAll(/^(?:export )?(?:abstract )?class (\w+)/gm))
        seen.set(name, [...(seen.get(name) ?? []), file]);
    }
    expect([...seen].filter(([, where]) => where.length > 1)).toEqual([]);
  });
});
