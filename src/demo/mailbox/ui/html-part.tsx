/**
 * The one place the demo renders untrusted HTML: inside an iframe with an empty `sandbox` (no scripts,
 * forms, popups or same-origin access) from `srcdoc`, with a CSP that also blocks remote loads such as
 * tracking pixels, as mail clients do by default.
 */
export const EMAIL_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

/**
 * The document the iframe shows: our doctype (standards mode; the email's own is then ignored), then the
 * CSP, so the parser puts it in the head before any email markup.
 */
export function sandboxDocument(html: string): string {
  return `<!doctype html><meta http-equiv="Content-Security-Policy" content="${EMAIL_CSP}"><base target="_blank">${html}`;
}

export interface HtmlPartProps {
  html: string;
  title: string;
}

export function HtmlPart({ html, title }: HtmlPartProps) {
  return <iframe class="html-part" title={title} sandbox="" referrerpolicy="no-referrer" srcdoc={sandboxDocument(html)} />;
}
