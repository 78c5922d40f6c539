export interface SmsMessage {
  /** E.164 phone number */
  to: string;
  text: string;
}

/** Sends text messages. No SMS gateway is configured yet, so the dev outbox is the only implementation. */
export abstract class SmsProvider {
  abstract send(message: SmsMessage): Promise<void>;
}
