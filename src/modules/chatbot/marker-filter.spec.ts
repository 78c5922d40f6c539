import { createMarkerFilter } from './marker-filter.js';

const run = (chunks: string[]) => {
  const filter = createMarkerFilter('[ESCALATE]');
  return chunks.map((chunk) => filter.push(chunk)).join('') + filter.flush();
};

describe('createMarkerFilter', () => {
  it('passes text without the marker through unchanged', () => {
    expect(run(['Hello ', 'there [1] ', 'done'])).toBe('Hello there [1] done');
  });

  it('removes the marker whole or split across chunks', () => {
    expect(run(['Getting a human. [ESCALATE]'])).toBe('Getting a human. ');
    expect(run(['Getting a human. [ES', 'CAL', 'ATE] ok'])).toBe('Getting a human.  ok');
  });

  it('holds back only what could still become the marker', () => {
    const filter = createMarkerFilter('[ESCALATE]');
    expect(filter.push('price [E')).toBe('price ');
    expect(filter.push('UR 5]')).toBe('[EUR 5]');
  });
});
