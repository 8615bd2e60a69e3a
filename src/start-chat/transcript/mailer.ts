/**
 * Sends the transcript over SMTP with nodemailer. Addresses are structured values ({name, address}), never
 * strings joined from input, so a name cannot smuggle a second recipient or a header.
 */
import nodemailer from 'nodemailer';
import type { SmtpSettings } from '../config.ts';

export interface TranscriptMail {
  from: { name: string; address: string };
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
}

export async function sendMail(smtp: SmtpSettings, mail: TranscriptMail): Promise<void> {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    // A loopback catcher (demo, tests) speaks plain SMTP; a real server on 587 upgrades with STARTTLS.
    ...(smtp.host === '127.0.0.1' ? { ignoreTLS: true } : { requireTLS: !smtp.secure }),
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    await transport.sendMail({ from: mail.from, to: [mail.to], subject: mail.subject, text: mail.text, html: mail.html });
  } finally {
    transport.close();
  }
}
