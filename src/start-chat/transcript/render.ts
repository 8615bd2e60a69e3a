/**
 * The transcript email: every message and attachment in order, with who wrote it and when, as plain text
 * and as escaped HTML (message text is untrusted and never becomes markup), with bidi isolation so a
 * right-to-left name cannot reorder the line it sits in, and each reordering control (U+202E…) shown as a
 * named token instead of acting: `[U+202E]` in the text part (plain text cannot isolate, and the isolate
 * characters would be invisible controls of their own), a small box reading U+202E in the HTML.
 */
import { htmlWithTokens, textWithTokens } from '../../shared/bidi-text.ts';
import type { TranscriptItem } from '../../shared/amazon-connect/wire.ts';
import type { KeptChat } from './keeper.ts';

export interface RenderedMail {
  text: string;
  html: string;
  count: number;
}

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const CONTROL_STYLE = 'font-family:monospace;font-size:12px;color:#4b5563;border:1px dashed #9ca3af;border-radius:3px;padding:0 2px';
const shown = (s: string): string => htmlWithTokens(escape(s), false, { style: CONTROL_STYLE });

function line(item: TranscriptItem): { who: string; when: string; what: string } | undefined {
  const when = item.AbsoluteTime ? item.AbsoluteTime.replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : '';
  const who = item.ParticipantRole === 'SYSTEM' ? 'System' : item.DisplayName || item.ParticipantRole || '';
  if (item.Type === 'MESSAGE') return { who, when, what: item.Content ?? '' };
  if (item.Type === 'ATTACHMENT') return { who, when, what: `[file: ${item.Attachments?.map((a) => a.AttachmentName).join(', ') ?? ''}]` };
  return undefined;
}

export function renderTranscript(chat: KeptChat, title: string): RenderedMail {
  const lines = chat.items.map(line).filter((l): l is NonNullable<typeof l> => !!l);
  const text = [title, '', ...lines.map((l) => `[${l.when}] ${textWithTokens(l.who)}: ${textWithTokens(l.what)}`), '', `Chat ${chat.contactId}`].join('\n');
  const rows = lines
    .map((l) => `<p style="margin:0 0 8px"><span style="color:#6b7280">${escape(l.when)}</span> <b><bdi>${shown(l.who)}</bdi></b><br><span style="white-space:pre-wrap"><bdi>${shown(l.what)}</bdi></span></p>`)
    .join('');
  const html = `<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;color:#1f2937"><h1 style="font-size:18px">${escape(title)}</h1>${rows}<p style="color:#6b7280;font-size:12px">Chat ${escape(chat.contactId)}</p></body></html>`;
  return { text, html, count: lines.length };
}
