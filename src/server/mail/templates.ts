/**
 * Rocket.Chat wraps every email body in the admin's `Email_Header` and `Email_Footer` templates
 * (placeholders `[Site_Name]`, `[Site_URL]`), and sends the whole HTML stripped of tags as the text part.
 */
import type { Settings } from '../settings.ts';

export const DEFAULT_EMAIL_HEADER =
  '<html><body style="margin:0;padding:24px;background:#f3f4f6"><div style="font-family:Arial,Helvetica,sans-serif;max-width:640px;margin:0 auto;padding:24px;background:#ffffff;color:#1f2937"><h1 style="font-size:18px;margin:0 0 8px">[Site_Name]</h1>';
export const DEFAULT_EMAIL_FOOTER =
  '<p style="margin-top:24px;color:#6b7280;font-size:12px">Sent by [Site_Name] &middot; <a href="[Site_URL]">[Site_URL]</a></p></div></body></html>';

function fill(template: string, s: Settings): string {
  const escape = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return template.replace(/\[Site_Name\]/g, escape(s.Site_Name)).replace(/\[Site_URL\]/g, escape(s.Site_Url));
}

export function wrapEmail(s: Settings, bodyHtml: string): { html: string; text: string } {
  const html = `${fill(s.Email_Header, s)}${bodyHtml}${fill(s.Email_Footer, s)}`;
  return { html, text: htmlToText(html) };
}

/**
 * The plain-text part: the HTML with tags removed, line breaks and list items kept, a link's address
 * beside its label (so it can still be followed), a bidi control's token bracketed (`[U+202E]`: without
 * its box it would run into the text around it), entities decoded.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<span class="bidi-control"[^>]*>([^<]*)<\/span>/g, '[$1]')
    .replace(/<a\s[^>]*?href="([^"]*)"[^>]*>(.*?)<\/a>/gi, (_, href: string, label: string) => {
      const text = label.replace(/<[^>]+>/g, '');
      const bare = (u: string) => u.replace(/^(https?:\/\/|mailto:)/i, '').replace(/\/$/, '');
      return bare(text) === bare(href) ? text : `${text} (${href})`;
    })
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li[^>]*>/gi, '\n• ')
    .replace(/<\/(p|h1|div|ul|ol|pre|blockquote)>/gi, '\n')
    .replace(/<hr\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    // One pass, so an escaped entity ("&amp;lt;") decodes once.
    .replace(/&(#\d+|lt|gt|quot|amp|middot);/g, (_, e: string) =>
      e[0] === '#' ? String.fromCharCode(Number(e.slice(1))) : { lt: '<', gt: '>', quot: '"', amp: '&', middot: '·' }[e]!,
    )
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
