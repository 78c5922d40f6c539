let previous: Promise<unknown> = Promise.resolve();

/**
 * Loads the module of an optional provider (and so its SDK) when configuration asks for it, one at a
 * time: Nest builds providers concurrently, and Jest's ESM runtime fails to link two dynamic imports
 * that share a dependency at once ("request for … is not in cache", jestjs/jest#11434).
 */
export function importOptional<T>(load: () => Promise<T>): Promise<T> {
  const next = previous.then(load, load);
  previous = next.catch(() => undefined);
  return next;
}
