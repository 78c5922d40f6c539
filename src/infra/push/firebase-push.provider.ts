import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { App, cert, deleteApp, initializeApp, ServiceAccount } from 'firebase-admin/app';
import { getMessaging, Messaging } from 'firebase-admin/messaging';
import { originAgent } from './origin-agent.js';
import { OriginServiceAccountCredential } from './origin-credential.js';
import { PushMessage, PushProvider, PushResult } from './push.provider.js';

const DEAD_TOKEN_CODES = new Set(['messaging/registration-token-not-registered', 'messaging/invalid-registration-token']);

/** `FIREBASE_SERVICE_ACCOUNT` holds the JSON itself or a path to the JSON file. */
export function readServiceAccount(value: string): { projectId: string; clientEmail: string; privateKey: string } {
  const json = JSON.parse(value.trim().startsWith('{') ? value : readFileSync(value, 'utf8')) as Record<string, string | undefined>;
  const account = {
    projectId: json.project_id ?? json.projectId ?? '',
    clientEmail: json.client_email ?? json.clientEmail ?? '',
    privateKey: json.private_key ?? json.privateKey ?? '',
  };
  if (!account.projectId || !account.clientEmail || !account.privateKey) {
    throw new Error('FIREBASE_SERVICE_ACCOUNT needs project_id, client_email and private_key');
  }
  return account;
}

/** Firebase Cloud Messaging through firebase-admin, on a named app of its own. */
export class FirebasePushProvider extends PushProvider implements OnApplicationShutdown {
  readonly enabled = true;
  private readonly logger = new Logger(FirebasePushProvider.name);
  private readonly app: App;
  private readonly messaging: Messaging;

  /** `apiOrigin` sends the OAuth and FCM requests to that origin instead of Google's hosts. */
  constructor(serviceAccount: string, apiOrigin?: string) {
    super();
    const account = readServiceAccount(serviceAccount);
    const credential = apiOrigin ? new OriginServiceAccountCredential(account, new URL('/token', apiOrigin).toString()) : cert(account as ServiceAccount);
    const httpAgent = apiOrigin ? originAgent(apiOrigin) : undefined;
    this.app = initializeApp({ credential, httpAgent, projectId: account.projectId }, `cx-push-${randomUUID()}`);
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

  /** After every module (and its pending pushes) is done. */
  async onApplicationShutdown(): Promise<void> {
    await deleteApp(this.app);
  }
}
