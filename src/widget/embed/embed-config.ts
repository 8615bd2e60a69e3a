/**
 * What the site owner configured, read once at the edge from the script tag's `data-` attributes (and
 * Rocket.Chat's snippet global `RocketChat.url`, or Amazon Connect's `connect.ChatInterface.init`),
 * validated into one typed object with errors a site owner can act on. Nothing else reads the DOM for
 * configuration.
 */

export interface EmbedConfig {
  /** Absent: Rocket.Chat. */
  backend?: 'amazon-connect';
  /** Rocket.Chat server base URL, no trailing slash; on Amazon Connect, the site owner's start-chat endpoint. */
  serverUrl: string;
  /** Amazon Connect: the instance's region, and the Participant Service origin when it is not the region's. */
  region?: string;
  endpoint?: string;
  /** Amazon Connect: configured by the page's `connect.ChatInterface.initiateChat`, not by the tag. */
  chatInterface?: boolean;
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

/** `ignored`: the settings that are unknown or refused (the widget starts without them). */
export type ConfigResult = { ok: true; config: EmbedConfig; ignored: string[] } | { ok: false; error: string };

/** Colours only: hex, rgb()/hsl() or a CSS colour name. Anything else (url(), expressions) is refused. */
export function safeColor(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const v = value.trim();
  return /^(#[\da-f]{3,8}|(rgb|hsl)a?\([\d\s.,%/deg]+\)|[a-z]{3,20})$/i.test(v) ? v : undefined;
}

/** Where the settings come from: a script tag, or `mount(options)` of the npm package (its `dataset` is the options). */
export interface ConfigSource {
  dataset: Record<string, string | undefined>;
  src?: string;
  nonce?: string;
}

/** Every setting, by its `dataset` name; config-warning.ts (loaded only when one is wrong) says what each accepts. */
export const SETTINGS = 'serverUrl backend startChatUrl region participantEndpoint department language position color title theme zIndex'.split(' ');

/**
 * `chatInterface`: the page called `connect.ChatInterface.init`, so it is on Amazon Connect and
 * configures the chat with `initiateChat` (amazon-connect-chat-interface's API).
 */
export function readEmbedConfig(
  script: ConfigSource | null,
  snippetUrl: unknown,
  pageUrl: string,
  chatInterface?: boolean,
): ConfigResult {
  const data = script?.dataset ?? {};
  const connect = data.backend === 'amazon-connect' || (!data.serverUrl && chatInterface);
  // Configured by initiateChat later: until then the site's origin keys the storage.
  const ci = connect && !data.startChatUrl;
  const fromSnippet = typeof snippetUrl === 'string' ? snippetUrl.replace(/\/livechat\/?$/, '') : undefined;
  const fromScript = script?.src && new URL(script.src, pageUrl).origin;
  const raw = connect ? data.startChatUrl || (chatInterface && new URL(pageUrl).origin) : data.serverUrl || fromSnippet || fromScript;
  const attr = connect ? 'data-start-chat-url' : 'data-server-url';
  if (!raw) return { ok: false, error: `set ${attr}="https://…"` };
  let url: URL | undefined;
  try {
    url = new URL(raw, pageUrl);
  } catch {
    // reported below
  }
  if (!url || !/^https?:$/.test(url.protocol)) return { ok: false, error: `${attr} "${raw}" must start with https://` };
  const position = data.position === 'left' || data.position === 'right' ? data.position : undefined;
  const color = safeColor(data.color);
  const zIndex = Number(data.zIndex);
  const refused = {
    position: !position,
    color: !color,
    zIndex: !Number.isInteger(zIndex),
    theme: !/^(light|dark|auto)$/.test(data.theme!),
    backend: !connect && data.backend !== 'rocketchat',
  };
  const ignored = Object.keys(data).filter((k) => !SETTINGS.includes(k) || refused[k as keyof typeof refused]);
  return {
    ok: true,
    ignored,
    config: {
      serverUrl: connect && !ci ? url.href : `${url.origin}${url.pathname}`.replace(/\/+$/, ''),
      backend: connect ? 'amazon-connect' : undefined,
      chatInterface: ci || undefined,
      region: data.region,
      endpoint: data.participantEndpoint,
      zIndex: refused.zIndex || !data.zIndex ? 2147483000 : zIndex,
      // Unset attributes stay undefined (an empty attribute counts as unset).
      department: data.department || undefined,
      language: data.language || undefined,
      position,
      color,
      title: data.title || undefined,
      theme: data.theme === 'light' || data.theme === 'dark' ? data.theme : undefined,
      // The page's CSP nonce, read from the script tag itself (the attribute is hidden, the property is not).
      nonce: script?.nonce || undefined,
    },
  };
}
