/**
 * One page of a list statement that counts every match in the same round trip, with
 * `count(*) OVER ()::int AS total`. A page past the end has no row to carry the count, so `countAll`
 * runs then, and only then.
 */
export async function countedPage<R extends { total: number }>(
  rows: R[],
  skip: number,
  countAll: () => Promise<number>,
): Promise<{ rows: R[]; total: number }> {
  if (rows.length > 0) return { rows, total: rows[0].total };
  return { rows, total: skip === 0 ? 0 : await countAll() };
}
