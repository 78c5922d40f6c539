export interface PushMessage {
  title: string;
  body: string;
  /** String values only (FCM data payload). */
  data?: Record<string, string>;
}

/** `invalid-token`: the provider says the device token is dead; the caller forgets it. */
export type PushResult = 'sent' | 'invalid-token' | 'failed' | 'disabled';

/** Mobile push (Firebase Cloud Messaging when configured). */
export abstract class PushProvider {
  abstract readonly enabled: boolean;
  abstract send(deviceToken: string, message: PushMessage): Promise<PushResult>;
}

/** The offline default: in-app notifications only. */
export class NoPushProvider extends PushProvider {
  readonly enabled = false;

  send(): Promise<PushResult> {
    return Promise.resolve('disabled');
  }
}
