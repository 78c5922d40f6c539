import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { ADMIN_ROLES, UserRole } from '../../common/auth/roles.js';
import { badRequest, conflict } from '../../common/http/app-error.js';
import { AppConfig } from '../../config/app-config.js';
import type { DonorQuery } from '../../generated/prisma/client.js';
import { NotificationsService } from '../notifications/index.js';
import { UsersService } from '../users/index.js';
import { DonorQueriesRepository } from './donor-queries.repository.js';
import { DonorQueriesService } from './donor-queries.service.js';
import { ReminderSentDto } from './dto/donor-query.dto.js';
import { isOpen } from './query-state.js';

const SCAN_BATCH = 100;

const minutesSince = (since: Date | null, now: Date) => (since ? Math.max(1, Math.round((now.getTime() - since.getTime()) / 60_000)) : 0);

/** Manual reminders, and the scan that reminds the assignee and escalates to SUPER_ADMINs once per wait. */
@Injectable()
export class QueryRemindersService {
  private readonly logger = new Logger(QueryRemindersService.name);

  constructor(
    private readonly queries: DonorQueriesRepository,
    private readonly queryService: DonorQueriesService,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  async remind(id: string, user: AuthUser, note?: string): Promise<ReminderSentDto> {
    const query = await this.queryService.findVisible(id, { kind: 'staff', user });
    if (!isOpen(query.status)) throw conflict('INVALID_QUERY_STATE', 'Only an open query can be reminded');
    const recipients = query.assignedToId ? [query.assignedToId] : await this.users.listActiveIdsWithRoles(ADMIN_ROLES);
    const recipientIds = recipients.filter((recipient) => recipient !== user.id);
    if (!recipientIds.length) throw badRequest('NOTHING_TO_REMIND', 'You are the only one who could be reminded of this query');
    await this.queries.createReminders(id, 'MANUAL', user.id, recipientIds, note);
    await this.notifications.notify(recipientIds, {
      type: 'query.reminder',
      title: `Reminder: ${query.donor} is waiting`,
      body: note ?? `A donor query${query.test ? ` about ${query.test}` : ''} needs an answer`,
      data: { queryId: id },
    });
    return { recipientIds };
  }

  /**
   * One pass of the scheduled job: reminds the assignee of every query whose donor waited longer
   * than the reminder threshold, and escalates to SUPER_ADMINs past the escalation threshold. Each
   * wait is claimed with a conditional update, so a second instance running the same pass, or the
   * next pass, does not remind again. Returns how many reminders and escalations it sent.
   */
  async scan(now = new Date()): Promise<{ reminded: number; escalated: number }> {
    const { reminderAfterSeconds, escalateAfterSeconds } = this.config.donorDesk;
    let reminded = 0;
    let escalated = 0;
    for (const query of await this.queries.findDueForReminder(new Date(now.getTime() - reminderAfterSeconds * 1000), SCAN_BATCH)) {
      if (query.assignedToId && (await this.queries.claimWaitReminder(query, 'AUTO', [query.assignedToId]))) {
        reminded += 1;
        await this.notifyWait(query, [query.assignedToId], 'query.reminder', now);
      }
    }
    const dueForEscalation = await this.queries.findDueForEscalation(new Date(now.getTime() - escalateAfterSeconds * 1000), SCAN_BATCH);
    if (dueForEscalation.length) {
      const superAdmins = await this.users.listActiveIdsWithRoles([UserRole.SUPER_ADMIN]);
      for (const query of dueForEscalation) {
        if (await this.queries.claimWaitReminder(query, 'ESCALATION', superAdmins)) {
          escalated += 1;
          await this.notifyWait(query, superAdmins, 'query.escalated', now);
        }
      }
    }
    if (reminded || escalated) this.logger.log(`Reminded ${reminded} and escalated ${escalated} waiting donor queries`);
    return { reminded, escalated };
  }

  private notifyWait(query: DonorQuery, recipients: string[], type: 'query.reminder' | 'query.escalated', now: Date): Promise<void> {
    const minutes = minutesSince(query.waitingSince, now);
    return this.notifications.notify(recipients, {
      type,
      title: type === 'query.reminder' ? `${query.donor} has waited ${minutes} min` : `Escalated: ${query.donor} has waited ${minutes} min`,
      body: query.assignedToId ? 'The donor is waiting for an answer' : 'Nobody has accepted this query yet',
      data: { queryId: query.id },
    });
  }
}
