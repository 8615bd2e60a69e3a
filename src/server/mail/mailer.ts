/**
 * Outgoing mail through SMTP (nodemailer), configured by Rocket.Chat's `SMTP_Host`/`SMTP_Port` settings.
 * With no host set the mail is only kept in `sent`, so a stand-in without SMTP still records what it sent.
 */
import nodemailer from 'nodemailer';
import type { Store } from '../store/store.ts';

/** An address as a value: a display name can never add a recipient, however many `<`, `,` or quotes it holds. */
export interface MailAddress {
  name?: string;
  address: string;
}

export interface OutgoingMail {
  /** The admin's `From_Email` setting (it may be `Name <address>`). */
  from: string;
  /** Exactly one recipient: never parsed as an address list. */
  to: string;
  replyTo?: MailAddress;
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
        // Structured addresses: nodemailer quotes the name, and `a,b@c.de` stays one (odd) address.
        await transport.sendMail({
          ...mail,
          to: { name: '', address: mail.to },
          ...(mail.replyTo ? { replyTo: { name: mail.replyTo.name ?? '', address: mail.replyTo.address } } : {}),
        });
      } finally {
        transport.close();
      }
    },
  };
}

/** The admin's `From_Email` (`support@acme.example` or `Acme <support@acme.example>`) as a value. */
export function parseSettingAddress(setting: string): MailAddress {
  const m = /^\s*(.*?)\s*<([^<>\s]+)>\s*$/.exec(setting);
  return m ? { name: m[1]!.replace(/^"|"$/g, ''), address: m[2]! } : { address: setting.trim() };
}
