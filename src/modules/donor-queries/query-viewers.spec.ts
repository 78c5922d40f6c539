import { viewersOf } from './query-viewers.js';

const staff = (id: string, name: string) => ({ data: { user: { id, role: 'ADMIN' as const, status: 'ACTIVE' as const }, name } });

describe('viewersOf', () => {
  it('lists each staff user once however many sockets they view with, and not the donor', () => {
    const donor = { data: { guest: { kind: 'query', scopeId: 'q1' } } };
    expect(viewersOf([staff('u1', 'Ada'), donor, staff('u1', 'Ada'), staff('u2', 'Bo')])).toEqual([
      { id: 'u1', name: 'Ada' },
      { id: 'u2', name: 'Bo' },
    ]);
    expect(viewersOf([donor])).toEqual([]);
  });
});
