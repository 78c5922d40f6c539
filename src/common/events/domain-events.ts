import { Injectable, Logger } from '@nestjs/common';
import type { CefrLevel } from '../cefr.js';

/**
 * Events one module raises and another reacts to, so that neither imports the other. Payload types
 * are declared here, one entry per event, as the contract between modules.
 */
export interface DomainEventMap {
  /** Proctoring scored an assessment; the agents module records the level for onboarding. */
  'assessment.completed': {
    userId: string;
    candidateAssessmentId: string;
    status: 'PASSED' | 'FAILED';
    cefrLevel: CefrLevel | null;
    score: number;
  };
  /** FCM reported a device token dead; the users module forgets it (clears `fcmToken` if unchanged). */
  'push.token-invalid': { userId: string; token: string };
  /** A client closed an opportunity; the gigs module turns down the applications still pending. */
  'opportunity.closed': { opportunityId: string; title: string };
}

type Handler<K extends keyof DomainEventMap> = (payload: DomainEventMap[K]) => Promise<void> | void;

@Injectable()
export class DomainEvents {
  private readonly logger = new Logger(DomainEvents.name);
  private readonly handlers = new Map<keyof DomainEventMap, Handler<never>[]>();

  on<K extends keyof DomainEventMap>(event: K, handler: Handler<K>): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler as Handler<never>]);
  }

  /** Runs every handler and waits for them; a failing handler is logged and does not stop the others. */
  async emit<K extends keyof DomainEventMap>(event: K, payload: DomainEventMap[K]): Promise<void> {
    for (const handler of (this.handlers.get(event) ?? []) as Handler<K>[]) {
      try {
        await handler(payload);
      } catch (error) {
        this.logger.error({ msg: 'Domain event handler failed', err: error, event });
      }
    }
  }
}
