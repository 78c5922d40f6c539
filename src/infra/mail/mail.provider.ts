export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends email. SMTP when `SMTP_URL` is set, otherwise the dev outbox (logged and kept in a table). */
export abstract class MailProvider {
  abstract send(message: MailMessage): Promise<void>;
}
