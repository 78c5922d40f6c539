import { canTransition, isOpen, mayHandle } from './query-state.js';

describe('donor query state machine', () => {
  it('accepts only an in-progress query', () => {
    expect(canTransition('accept', 'IN_PROGRESS')).toBe(true);
    expect(canTransition('accept', 'TRANSFERRED')).toBe(false);
    expect(canTransition('accept', 'RESOLVED')).toBe(false);
  });

  it('resolves, transfers and donor-closes only open queries', () => {
    for (const transition of ['resolve', 'transfer', 'donorClose'] as const) {
      expect(canTransition(transition, 'IN_PROGRESS')).toBe(true);
      expect(canTransition(transition, 'TRANSFERRED')).toBe(true);
      expect(canTransition(transition, 'RESOLVED')).toBe(false);
      expect(canTransition(transition, 'CLOSED_BY_DONOR')).toBe(false);
    }
  });

  it('reopens only closed queries', () => {
    expect(canTransition('reopen', 'RESOLVED')).toBe(true);
    expect(canTransition('reopen', 'CLOSED_BY_DONOR')).toBe(true);
    expect(canTransition('reopen', 'IN_PROGRESS')).toBe(false);
    expect(isOpen('TRANSFERRED')).toBe(true);
  });

  it('lets the assignee or a SUPER_ADMIN handle a query', () => {
    expect(mayHandle({ assignedToId: 'a' }, { id: 'a', role: 'ADMIN' })).toBe(true);
    expect(mayHandle({ assignedToId: 'a' }, { id: 'b', role: 'ADMIN' })).toBe(false);
    expect(mayHandle({ assignedToId: null }, { id: 'b', role: 'ADMIN' })).toBe(false);
    expect(mayHandle({ assignedToId: 'a' }, { id: 'b', role: 'SUPER_ADMIN' })).toBe(true);
  });
});
