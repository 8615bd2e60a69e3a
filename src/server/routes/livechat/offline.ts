/** `POST livechat/offline.message` (contract §6.1): emailed to the offline address, kept for tests. */
import type { Api } from '../../http/api.ts';
import type { StandinContext } from '../../context.ts';
import { HttpFailure } from '../../errors.ts';
import { escapeHtml } from '../../livechat/transcript.ts';
import { wrapEmail } from '../../mail/templates.ts';
import { isValidEmail } from '../../livechat/visitors.ts';
import { parseOfflineMessageBody } from '../../validation/schemas.ts';

const FAILED = { message: 'Error sending Omnichannel offline message', success: false } as const;

export function registerOfflineRoutes(api: Api, { store, mailer }: StandinContext): void {
  // Rocket.Chat 7.x: one offline message per 5 s per client.
  api.post('livechat/offline.message', { rateLimit: { calls: 1, windowMs: 5_000 }, sendsMail: true }, ({ body: rawBody }) => {
    const body = parseOfflineMessageBody(rawBody);
    const s = store.settings;
    if (!s.Livechat_display_offline_form || !isValidEmail(body.email.trim())) throw new HttpFailure(400, FAILED);
    const entry = {
      name: body.name,
      email: body.email.trim(),
      message: body.message,
      ...(body.department ? { department: body.department } : {}),
      ...(body.host ? { host: body.host } : {}),
      at: store.now(),
    };
    store.offlineMessages.push(entry);
    const to = (body.department && store.departments.get(body.department)?.email) || s.Livechat_offline_email;
    if (to) {
      const body = `Visitor name: ${entry.name}\nVisitor email: ${entry.email}\nMessage:\n${entry.message}`;
      const { html, text } = wrapEmail(s, `<p>${escapeHtml(body).replace(/\n/g, '<br>')}</p>`);
      void mailer
        .send({
          from: s.From_Email,
          to,
          replyTo: { name: entry.name, address: entry.email },
          subject: `Livechat offline message from ${entry.name}: ${entry.message.slice(0, 20)}`,
          text,
          html,
        })
        .catch((e: unknown) => console.error('[standin] offline message email failed:', e instanceof Error ? e.message : e));
    }
    return { message: 'Livechat offline message sent' };
  });
}
