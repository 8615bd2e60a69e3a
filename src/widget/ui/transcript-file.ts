/**
 * A downloadable transcript, as plain text or as a standalone HTML page. Loaded on demand (a separate
 * chunk). Message text is untrusted: its formatting goes through the shared markdown parser, which
 * escapes every piece of text in the HTML file and writes links that open outside the page.
 * Nor may it reorder what is read: in the page every message (`dir="auto"`) and name (`<bdi>`) is
 * isolated and each reordering control shows as a named token, as in the panel (bidi.tsx). The text
 * file has no markup to isolate with (and the isolate characters are invisible controls of their own,
 * not honoured by every viewer), so there each control is written as a visible `[U+202E]` instead.
 */
import { textWithTokens } from '../../shared/bidi-text.ts';
import { escapeHtml, markdownToHtml, textToHtml } from '../../shared/markdown/to-html.ts';
import { markdownToText } from '../../shared/markdown/to-text.ts';
import type { ChatMessage } from '../backend/chat-backend.ts';
import { language, t } from '../i18n/index.ts';
import { saveFile, type TranscriptFile } from '../state/save-file.ts';
import { authorOf, systemText, type AgentLabel } from './message-text.ts';
import './forms-i18n.ts';

export interface TranscriptMeta {
  title: string;
  agentLabel: AgentLabel;
  now?: Date;
}

function stamp(ms: number): string {
  return new Intl.DateTimeFormat(language.value, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

function fileName(ext: string, now: Date): string {
  const d = now.toISOString().slice(0, 16).replace('T', '-').replace(':', '');
  return `chat-transcript-${d}.${ext}`;
}

export function transcriptText(messages: readonly ChatMessage[], meta: TranscriptMeta): TranscriptFile {
  const now = meta.now ?? new Date();
  const lines = [`${textWithTokens(meta.title)} — ${t('transcript.fileTitle')}`, stamp(now.getTime()), ''];
  for (const m of messages) {
    if (m.from === 'system') lines.push(`[${stamp(m.at)}] — ${textWithTokens(systemText(m, meta.agentLabel))}`);
    else lines.push(`[${stamp(m.at)}] ${textWithTokens(authorOf(m, meta.agentLabel))}: ${markdownToText(m.text).replace(/\n/g, '\n    ')}`);
  }
  return { name: fileName('txt', now), type: 'text/plain;charset=utf-8', content: `${lines.join('\n')}\n` };
}

export function transcriptHtml(messages: readonly ChatMessage[], meta: TranscriptMeta): TranscriptFile {
  const now = meta.now ?? new Date();
  const control = t('message.bidiControl');
  const rows = messages
    .map((m) => {
      const when = `<time datetime="${new Date(m.at).toISOString()}">${escapeHtml(stamp(m.at))}</time>`;
      if (m.from === 'system') return `<li class="system">${textToHtml(systemText(m, meta.agentLabel), {}, control)} ${when}</li>`;
      return `<li class="${m.from}"><p class="meta"><strong><bdi>${textToHtml(authorOf(m, meta.agentLabel), {}, control)}</bdi></strong> ${when}</p><div class="text" dir="auto">${markdownToHtml(m.text, {}, control)}</div></li>`;
    })
    .join('\n');
  const fileTitle = escapeHtml(t('transcript.fileTitle'));
  // <title> holds text only: its control as the text file's token.
  const title = `${escapeHtml(textWithTokens(meta.title))} — ${fileTitle}`;
  const heading = `<bdi>${textToHtml(meta.title, {}, control)}</bdi> — ${fileTitle}`;
  const html = `<!doctype html>
<html lang="${escapeHtml(language.value)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${title}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:720px;margin:24px auto;padding:0 16px;color:#111827}
body>ol{list-style:none;padding:0}body>ol>li{margin:0 0 12px}.meta{margin:0;color:#4b5563;font-size:13px}.text{margin:2px 0 0;overflow-wrap:anywhere}
.text ul,.text ol{margin:4px 0;padding-inline-start:22px}.text blockquote{margin:4px 0;padding-inline-start:10px;border-inline-start:3px solid #d1d5db;color:#374151}
code{padding:1px 4px;border-radius:4px;background:#f3f4f6;font:13px/1.4 ui-monospace,monospace}pre{padding:8px;border-radius:6px;background:#f3f4f6;overflow-x:auto}pre code{padding:0}
.visitor .meta strong{color:#1d4ed8}.bidi-control{padding:0 2px;border:1px dashed #9ca3af;border-radius:3px;font:12px ui-monospace,monospace;color:#4b5563}.system{color:#4b5563;font-size:13px;text-align:center}
</style></head><body>
<h1>${heading}</h1><p>${escapeHtml(stamp(now.getTime()))}</p>
<ol>
${rows}
</ol></body></html>
`;
  return { name: fileName('html', now), type: 'text/html;charset=utf-8', content: html };
}

/** Build the file in the chosen format and hand it to the browser as a download. */
export function downloadTranscriptFile(format: 'text' | 'html', messages: readonly ChatMessage[], meta: TranscriptMeta): void {
  saveFile(format === 'text' ? transcriptText(messages, meta) : transcriptHtml(messages, meta));
}
