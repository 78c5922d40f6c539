import { readFileSync } from 'node:fs';
import type { Agent } from 'node:http';
import { Logger, OnModuleDestroy } from '@nestjs/common';
import { App, cert, deleteApp, initializeApp, ServiceAccount } from 'firebase-admin/app';
import { getMessaging, Messaging } from 'firebase-admin/messaging';
import { PushMessage, PushProvider, PushResult } from './push.provider.js';

const DEAD_TOKEN_CODES = new Set(['messaging/registration-token-not-registered', 'messaging/invalid-registration-token']);

/** `FIREBASE_SERVICE_ACCOUNT` holds the JSON itself or a path to the JSON file. */
export function readServiceAccount(value: string): ServiceAccount & { project_id?: string } {
  const json = value.trim().startsWith('{') ? value : readFileSync(value, 'utf8');
  return JSON.parse(json) as ServiceAccount & { project_id?: string };
}

/** Firebase Cloud Messaging through firebase-admin, on a named app of its own. */
export class FirebasePushProvider extends PushProvider implements OnModuleDestroy {
  readonly enabled = true;
  private readonly logger = new Logger(FirebasePushProvider.name);
  private readonly app: App;
  private readonly messaging: Messaging;

  constructor(serviceAccount: string, httpAgent?: Agent) {
    super();
    const account = readServiceAccount(serviceAccount);
    this.app = initializeApp({ credential: cert(account, httpAgent), httpAgent, projectId: account.project_id ?? account.projectId }, `cx-push-${Date.now()}-${Math.random()}`);
    this.messaging = getMessaging(this.app);
  }

  async send(deviceToken: string, message: PushMessage): Promise<PushResult> {
    try {
      await this.messaging.send({
        token: deviceToken,
        notification: { title: message.title, body: message.body },
        data: message.data,
      });
      return 'sent';
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (DEAD_TOKEN_CODES.has(code)) return 'invalid-token';
      this.logger.warn(`FCM send failed: ${code} ${(error as Error).message}`);
      return 'failed';
    }
  }

  async onModuleDestroy(): Promise<void> {
    await deleteApp(this.app);
  }
}
