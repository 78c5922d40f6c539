import { costMicros } from './cost.js';

describe('costMicros', () => {
  const prices = { 'gpt-4o-mini': { prompt: 0.15, completion: 0.6 } };
  it('prices prompt and completion tokens per million, in micro-dollars', () => {
    expect(costMicros('gpt-4o-mini', 1_000_000, 0, prices)).toBe(150_000);
    expect(costMicros('gpt-4o-mini', 200, 150, prices)).toBe(120);
  });
  it('costs nothing for a model missing from the table', () => {
    expect(costMicros('unknown', 1000, 1000, prices)).toBe(0);
  });
});
