import type { AuthUser } from '../../common/auth/auth-user.js';
import type { PresenceTracker } from '../../infra/realtime/presence.tracker.js';
import type { RealtimeService } from '../../infra/realtime/realtime.service.js';
import { UserPresence } from './user-presence.js';
import type { UsersRepository } from './users.repository.js';

const user: AuthUser = { id: 'u-1', role: 'AGENT', status: 'ACTIVE' };

/** A user row (isOnline) and socket counts answered in turn, as the Redis adapter would across instances. */
function setup(counts: number[]) {
  let isOnline = true;
  const emitted: unknown[] = [];
  const users = {
    markOnline: () => Promise.resolve(isOnline ? null : ((isOnline = true), new Date())),
    markOffline: () => Promise.resolve(isOnline ? ((isOnline = false), new Date()) : null),
    findSummary: () => Promise.resolve({ name: 'Ada', role: 'AGENT' }),
  } as unknown as UsersRepository;
  const realtime = {
    socketCount: () => Promise.resolve(counts.shift() ?? 0),
    toRoles: (_roles: unknown, _event: string, payload: unknown) => void emitted.push(payload),
  } as unknown as RealtimeService;
  const presence = new UserPresence({ register: () => undefined } as unknown as PresenceTracker, realtime, users);
  return { presence, emitted, online: () => isOnline };
}

describe('UserPresence.disconnected', () => {
  it('goes offline and tells staff when no socket of the user is left', async () => {
    const { presence, emitted, online } = setup([0, 0]);
    await presence.disconnected(user);
    expect(online()).toBe(false);
    expect(emitted).toEqual([expect.objectContaining({ userId: 'u-1', isOnline: false })]);
  });

  it('stays online, silently, when a socket joined on another instance between the count and the update', async () => {
    const { presence, emitted, online } = setup([0, 1]);
    await presence.disconnected(user);
    expect(online()).toBe(true);
    expect(emitted).toEqual([]);
  });

  it('stays online when another socket of the user is still connected', async () => {
    const { presence, emitted, online } = setup([1]);
    await presence.disconnected(user);
    expect(online()).toBe(true);
    expect(emitted).toEqual([]);
  });
});
