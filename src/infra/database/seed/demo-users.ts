import type { UserRole } from '../../../generated/prisma/enums.js';

/** Demo accounts for the embedded default; the README lists them. */
export const DEMO_PASSWORD = 'Demo#Passw0rd!';

export const DEMO_USERS: readonly { email: string; name: string; role: UserRole; username: string }[] = [
  { email: 'admin@demo.cx', name: 'Ada Admin', role: 'ADMIN', username: 'ada' },
  { email: 'support@demo.cx', name: 'Sam Support', role: 'SUPPORT_AGENT', username: 'sam' },
  { email: 'agent@demo.cx', name: 'Gita Agent', role: 'AGENT', username: 'gita' },
  { email: 'client@demo.cx', name: 'Carl Client', role: 'CLIENT', username: 'carl' },
  { email: 'customer@demo.cx', name: 'Cora Customer', role: 'CUSTOMER', username: 'cora' },
];
