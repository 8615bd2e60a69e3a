/**
 * What the site owner configured, read once at the edge from the script tag's `data-` attributes (and
 * Rocket.Chat's snippet global `RocketChat.url`), validated into one typed object with errors a site
 * owner can act on. Nothing else reads the DOM for configuration.
 */

export interface EmbedConfig {
  /** Rocket.Chat server base URL, no trailing slash. */
  serverUrl: string;
  department?: string;
  language?: string;
  position?: 'left' | 'right';
  color?: string;
  title?: string;
  /** `data-theme`: light, dark, or (by default) follow the visitor's system. */
  theme?: 'light' | 'dark';
  /** Stacking order of the widget on the host page. */
  zIndex: number;
  /** The script tag's CSP nonce, for the fallback `<style>` on browsers without constructable stylesheets. */
  nonce?: string;
}

export type ConfigResult = { ok: true; config: EmbedConfig } | { ok: false; error: string };

/** Colours only: hex, rgb()/hsl() or a CSS colour name. Anything else (url(), expressions) is refused. */
export function safeColor(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const v = value.trim();
  return /^(#[\da-f]{3,8}|(rgb|hsl)a?\([\d\s.,%/deg]+\)|[a-z]{3,20})$/i.test(v) ? v : undefined;
}

export function readEmbedConfig(script: HTMLScriptElement | null, snippetUrl: unknown, pageUrl: string): ConfigResult {
  const data = script?.dataset ?? {};
  const fromSnippet = typeof snippetUrl === 'string' ? snippetUrl.replace(/\/livechat\/?$/, '') : undefined;
  const fromScript = script?.src ? new URL(script.src, pageUrl).origin : undefined;
  const raw = data.serverUrl || fromSnippet || fromScript;
  if (!raw) {
    return { ok: false, error: 'set data-server-url="https://your.rocket.chat" on the script tag' };
  }
  let url: URL;
  try {
    url = new URL(raw, pageUrl);
  } catch {
    return { ok: false, error: `data-server-url "${raw}" is not a URL like https://chat.example.com` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, error: `data-server-url "${raw}" must start with https://` };
  }
  const position = data.position === 'left' || data.position === 'right' ? data.position : undefined;
  const color = safeColor(data.color);
  if ((data.position && !position) || (data.color && !color)) console.warn('[chat widget] ignored data-position (left|right) or data-color (#rrggbb)');
  const zIndex = Number(data.zIndex);
  return {
    ok: true,
    config: {
      serverUrl: `${url.origin}${url.pathname}`.replace(/\/+$/, ''),
      zIndex: Number.isInteger(zIndex) && data.zIndex ? zIndex : 2147483000,
      ...(data.department ? { department: data.department } : {}),
      ...(data.language ? { language: data.language } : {}),
      ...(position ? { position } : {}),
      ...(color ? { color } : {}),
      ...(data.title ? { title: data.title } : {}),
      ...(data.theme === 'light' || data.theme === 'dark' ? { theme: data.theme } : {}),
      // The page's CSP nonce, read from the script tag itself (the attribute is hidden, the property is not).
      ...(script?.nonce ? { nonce: script.nonce } : {}),
    },
  };
}
