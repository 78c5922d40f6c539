import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it (its DATA), whether it was taken or refused. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  accepted: boolean;
}

export interface SmtpStandIn {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  /** Every message sent to the server, in order, refused ones included. */
  received: ReceivedMail[];
  /** While true, every message is refused with a temporary error (451). */
  down: boolean;
  /** Refuses the next `times` messages to `to` with a temporary error (451); `Infinity` refuses them all. */
  refuse(to: string, times: number): void;
  /** The messages sent to `to` (every attempt, refused ones included). */
  to(to: string): ReceivedMail[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on a local port, so that nodemailer's SMTP client runs for real. It accepts every
 * message unless told to refuse (`down`, `refuse`), and records every attempt.
 */
export async function startSmtpStandIn(): Promise<SmtpStandIn> {
  const received: ReceivedMail[] = [];
  const refusals = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        const refusalsLeft = refusals.get(to[0] ?? '') ?? 0;
        const refused = standIn.down || refusalsLeft > 0;
        if (refusalsLeft > 0) refusals.set(to[0], refusalsLeft - 1);
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to,
          raw: Buffer.concat(chunks).toString('utf8'),
          accepted: !refused,
        });
        if (refused) callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
        else callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const standIn: SmtpStandIn = {
    url: `smtp://127.0.0.1:${port}`,
    received,
    down: false,
    refuse: (to, times) => {
      refusals.set(to, times);
    },
    to: (to) => received.filter((mail) => mail.to.includes(to)),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return standIn;
}
