/**
 * A loopback SMTP server that keeps every message it receives, parsed: the demo's mailbox and the e2e
 * suite read transcripts from here, so "Email me the transcript" is proven to reach a mailbox.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { randomId } from '../../shared/rocketchat/random-id.ts';

export interface CaughtMail {
  id: string;
  receivedAt: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  replyTo: string;
  /** Who the SMTP envelope named (RCPT TO): the recipients that really get the mail. */
  envelopeTo: string[];
  /** The addresses a reply would go to, parsed from the header. */
  replyToAddresses: string[];
}

export interface SmtpCatcher {
  readonly port: number;
  readonly mails: readonly CaughtMail[];
  close(): Promise<void>;
}

export async function startSmtpCatcher(port = 0, host = '127.0.0.1', limit = 500): Promise<SmtpCatcher> {
  const mails: CaughtMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const envelopeTo = session.envelope.rcptTo.map((a) => a.address);
      simpleParser(stream).then(
        (m) => {
          const addressText = (a: typeof m.to) => (Array.isArray(a) ? a.map((x) => x.text).join(', ') : (a?.text ?? ''));
          mails.push({
            id: randomId(),
            receivedAt: (m.date ?? new Date()).toISOString(),
            from: m.from?.text ?? '',
            to: addressText(m.to),
            replyTo: m.replyTo?.text ?? '',
            envelopeTo,
            replyToAddresses: (m.replyTo?.value ?? []).map((a) => a.address ?? ''),
            subject: m.subject ?? '',
            text: m.text ?? '',
            html: typeof m.html === 'string' ? m.html : '',
          });
          if (mails.length > limit) mails.splice(0, mails.length - limit);
          callback();
        },
        (e: Error) => callback(e),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.server.address() as AddressInfo).port;
  return {
    port: actual,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
