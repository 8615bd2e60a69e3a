/**
 * Outgoing mail through SMTP (nodemailer), configured by Rocket.Chat's `SMTP_Host`/`SMTP_Port` settings.
 * With no host set the mail is only kept in `sent`, so a stand-in without SMTP still records what it sent.
 */
import nodemailer from 'nodemailer';
import type { Store } from '../store/store.ts';

export interface OutgoingMail {
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  readonly sent: readonly OutgoingMail[];
}

export function createMailer(store: Store): Mailer {
  const sent: OutgoingMail[] = [];
  return {
    sent,
    async send(mail) {
      sent.push(mail);
      const { SMTP_Host: host, SMTP_Port: port } = store.settings;
      if (!host) return;
      const transport = nodemailer.createTransport({ host, port, secure: false, ignoreTLS: true });
      try {
        await transport.sendMail(mail);
      } finally {
        transport.close();
      }
    },
  };
}
