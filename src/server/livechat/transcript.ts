/**
 * `livechat/transcript` (contract §7.1) and the email it sends (§7.2): which messages, in what order,
 * with which author labels, every piece of message text HTML-escaped and unable to reorder what is read
 * (names in <bdi>, messages dir="auto", each reordering control shown as a named token).
 */
import { htmlWithTokens } from '../../shared/bidi-text.ts';
import { markdownToHtml, type TagStyles } from '../../shared/markdown/to-html.ts';
import { MeteorError, PlainError } from '../errors.ts';
import { parseSettingAddress, type MailAddress, type Mailer } from '../mail/mailer.ts';
import { wrapEmail } from '../mail/templates.ts';
import type { Store } from '../store/store.ts';
import type { UserRef } from '../../shared/rocketchat/wire.ts';
import type { Message, Room, Visitor } from '../store/types.ts';
import { ROCKET_CAT } from './rooms.ts';
import { findGuest, isValidEmail } from './visitors.ts';

/** System messages never shown in a transcript, whatever the settings say. */
const EXCLUDED_TYPES = new Set([
  'livechat_navigation_history',
  'livechat_transcript_history',
  'command',
  'livechat-close',
  'livechat-started',
  'livechat_video_call',
  'omnichannel_priority_change_history',
]);

/** Mail clients drop stylesheets: what the formatted parts look like goes inline. */
const EMAIL_STYLES: TagStyles = {
  code: 'font-family:monospace;background:#f3f4f6;padding:1px 4px;border-radius:4px',
  pre: 'font-family:monospace;background:#f3f4f6;padding:8px;border-radius:6px;white-space:pre-wrap',
  blockquote: 'margin:4px 0;padding-left:10px;border-left:3px solid #d1d5db;color:#4b5563',
  a: 'color:#1d4ed8',
  control: 'font-family:monospace;font-size:12px;color:#4b5563;border:1px dashed #9ca3af;border-radius:3px;padding:0 2px',
};

/** A name or system line: escaped, its reordering controls as tokens. */
const shown = (s: string) => htmlWithTokens(escapeHtml(s), false, { style: EMAIL_STYLES.control });

export const DEFAULT_TRANSCRIPT_SUBJECT = 'Transcript of your livechat conversation';
export const TRANSCRIPT_SENT = 'Omnichannel transcript sent';

export interface TranscriptInput {
  token: string;
  rid: string;
  email: string;
  subject?: string;
}

export function requestTranscript(store: Store, mailer: Mailer, input: TranscriptInput): void {
  const visitor = findGuest(store, input.token);
  if (!visitor) throw new PlainError('error-invalid-token');
  const room = store.rooms.get(input.rid);
  if (!room || room.t !== 'l' || room.v.token !== input.token) throw new PlainError('error-invalid-room');
  const email = input.email.trim();
  if (!isValidEmail(email)) throw new MeteorError('invalid email');

  deliverTranscript(store, mailer, room, visitor, email, input.subject);
}

/**
 * Contract §7.4: with `Livechat_transcript_send_always` on (and the visitor-facing transcript setting off)
 * closing a room emails its transcript to the visitor's first address, requested by the serving agent
 * (or rocket.cat). Call after `closeRoom`.
 */
export function sendTranscriptOnClose(store: Store, mailer: Mailer, room: Room): void {
  const s = store.settings;
  if (s.Livechat_enable_transcript || !s.Livechat_transcript_send_always) return;
  const visitor = findGuest(store, room.v.token);
  const email = visitor?.visitorEmails?.[0]?.address;
  if (!visitor || !email) return;
  const agent = room.servedBy ? store.users.get(room.servedBy._id) : undefined;
  const requestedBy = agent ? { _id: agent._id, username: agent.username, name: agent.name } : { ...ROCKET_CAT };
  deliverTranscript(store, mailer, room, visitor, email, undefined, requestedBy);
}

/**
 * Records the request, posts `livechat_transcript_history` and queues the mail. `requestedBy` is absent when
 * the visitor asked (then rocket.cat posts it, requestData type "visitor").
 */
function deliverTranscript(
  store: Store,
  mailer: Mailer,
  room: Room,
  visitor: Visitor,
  email: string,
  subject: string | undefined,
  requestedBy?: UserRef,
): void {
  const mail = composeTranscript(store, room, visitor, subject);
  store.transcripts.push({ rid: room._id, token: visitor.token, email, subject: mail.subject, at: store.now() });
  store.insertMessage({
    rid: room._id,
    msg: '',
    t: 'livechat_transcript_history',
    u: requestedBy ?? { ...ROCKET_CAT },
    groupable: false,
    requestData: {
      type: requestedBy ? 'user' : 'visitor',
      visitor: { _id: visitor._id, username: visitor.username, name: visitor.name, token: visitor.token },
      user: requestedBy ?? { ...ROCKET_CAT },
    },
  });
  // Rocket.Chat queues the email: an SMTP failure is logged, it does not fail the request.
  void mailer.send({ to: email, ...mail }).catch((e: unknown) => {
    console.error(`[standin] transcript email to ${email} failed:`, e instanceof Error ? e.message : e);
  });
}

export function transcriptMessages(store: Store, room: Room): Message[] {
  const until = room.closingMessage?.ts.getTime() ?? Infinity;
  const showSystem = store.settings.Livechat_transcript_show_system_messages;
  return store
    .messagesOf(room._id)
    .filter((m) => !m._hidden && m.ts.getTime() < until)
    .filter((m) => !m.t || (!EXCLUDED_TYPES.has(m.t) && showSystem));
}

export function composeTranscript(
  store: Store,
  room: Room,
  visitor: Visitor,
  subject?: string,
): { from: string; replyTo: MailAddress; subject: string; html: string; text: string } {
  const s = store.settings;
  const showAgent = s.Livechat_show_agent_info;
  const parts = transcriptMessages(store, room).map((m) => {
    const author = m.u._id === visitor._id ? 'You' : showAgent ? m.u.name || m.u.username : 'Agent';
    // The text as the widget shows it (bold, lists, links…), escaped by the shared formatter.
    const content = m.t ? `<i>${shown(systemText(m))}</i>` : markdownToHtml(m.msg, EMAIL_STYLES);
    return `<p><strong><bdi>${shown(author)}</bdi></strong> <em>${escapeHtml(formatDate(m.ts))}</em></p><div dir="auto">${content}</div>`;
  });
  const { html, text } = wrapEmail(s, `<div> <hr>${parts.join('')}</div>`);
  return {
    from: s.From_Email,
    replyTo: parseSettingAddress(s.From_Email),
    subject: subject || s.Livechat_transcript_email_subject || DEFAULT_TRANSCRIPT_SUBJECT,
    html,
    text,
  };
}

function systemText(m: Message): string {
  const who = m.u.name || m.u.username;
  switch (m.t) {
    case 'uj':
      return `${who} joined the channel`;
    case 'ul':
      return `${who} left the channel`;
    case 'livechat_transfer_history':
      return `${who} transferred the chat`;
    default:
      return m.msg || m.t || '';
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** moment's `LLL` in English: "January 15, 2025 10:00 AM". */
export function formatDate(d: Date): string {
  const month = d.toLocaleString('en-US', { month: 'long' });
  const hours = d.getHours() % 12 || 12;
  const minutes = String(d.getMinutes()).padStart(2, '0');
  return `${month} ${d.getDate()}, ${d.getFullYear()} ${hours}:${minutes} ${d.getHours() < 12 ? 'AM' : 'PM'}`;
}
