import { QueryViewers } from './query-viewers.js';

describe('QueryViewers', () => {
  it('lists each user once however many sockets they view with, and forgets them when all leave', () => {
    const viewers = new QueryViewers();
    viewers.add('q1', 's1', { id: 'u1', name: 'Ada' });
    viewers.add('q1', 's2', { id: 'u1', name: 'Ada' });
    expect(viewers.add('q1', 's3', { id: 'u2', name: 'Bo' })).toEqual([
      { id: 'u1', name: 'Ada' },
      { id: 'u2', name: 'Bo' },
    ]);
    expect(viewers.remove('q1', 's1')).toHaveLength(2);
    expect(viewers.remove('q1', 's2')).toEqual([{ id: 'u2', name: 'Bo' }]);
    expect(viewers.queriesOf('s3')).toEqual(['q1']);
    expect(viewers.remove('q1', 's3')).toEqual([]);
    expect(viewers.queriesOf('s3')).toEqual([]);
  });
});
