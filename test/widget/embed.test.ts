import { within } from '@testing-library/dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readEmbedConfig, safeColor } from '../../src/widget/embed/embed-config.ts';
import { boot } from '../../src/widget/embed/loader.ts';
import { storageNamespace } from '../../src/widget/state/storage.ts';

function scriptTag(attrs: Record<string, string>): HTMLScriptElement {
  const s = document.createElement('script');
  s.src = 'https://cdn.example.com/widget.js';
  for (const [k, v] of Object.entries(attrs)) s.setAttribute(k, v);
  return s;
}

const host = () => document.querySelector<HTMLElement>('[data-rocketchat-widget]');
/**
 * The loader's own lazy parts beside widget.js, imported from their sources: boot's `verified` is the one
 * way to import in its place (what a pinned page's integrity module does).
 */
const PARTS = { stringsUrl: 'widget-strings.js', apiUrl: 'widget-page-api.js' };
const parts = vi.fn((url: string) =>
  url.endsWith(PARTS.stringsUrl)
    ? import('../../src/widget/embed/launcher-strings.ts')
    : url.endsWith(PARTS.apiUrl)
      ? import('../../src/widget/embed/page-api.ts')
      : Promise.reject(new Error(`${url}: not here`)),
);
const shadow = () => within(host()!.shadowRoot as unknown as HTMLElement);

beforeEach(() => {
  delete window.__rocketchatWidget;
  delete (window as { RocketChat?: unknown }).RocketChat;
  document.body.innerHTML = '';
});
afterEach(() => {
  vi.restoreAllMocks();
  parts.mockClear();
});

describe('readEmbedConfig', () => {
  it('reads the data- attributes once, with defaults', () => {
    const r = readEmbedConfig(scriptTag({ 'data-server-url': 'https://chat.acme.com/', 'data-department': 'Sales', 'data-position': 'left', 'data-color': '#0a0', 'data-language': 'pt-BR' }), undefined, 'https://shop.test/');
    expect(r).toEqual({
      ok: true,
      ignored: [],
      config: { serverUrl: 'https://chat.acme.com', department: 'Sales', position: 'left', color: '#0a0', language: 'pt-BR', zIndex: 2147483000 },
    });
  });

  it("falls back to Rocket.Chat's snippet URL, then to the script's own origin", () => {
    expect(readEmbedConfig(scriptTag({}), 'https://rc.acme.com/livechat', 'https://shop.test/')).toMatchObject({ config: { serverUrl: 'https://rc.acme.com' } });
    expect(readEmbedConfig(scriptTag({}), undefined, 'https://shop.test/')).toMatchObject({ config: { serverUrl: 'https://cdn.example.com' } });
  });

  it('refuses a server address a site owner mistyped, saying what to write', () => {
    const r = readEmbedConfig(scriptTag({ 'data-server-url': 'javascript:alert(1)' }), undefined, 'https://shop.test/');
    expect(r).toEqual({ ok: false, error: expect.stringContaining('must start with https://') });
  });

  it('accepts colours only', () => {
    expect(safeColor('#1D4ED8')).toBe('#1D4ED8');
    expect(safeColor('rgb(10, 20, 30)')).toBe('rgb(10, 20, 30)');
    expect(safeColor('rebeccapurple')).toBe('rebeccapurple');
    expect(safeColor('url(https://evil.test/x)')).toBeUndefined();
    expect(safeColor('red;background:url(x)')).toBeUndefined();
  });
});

describe('the loader', () => {
  it('mounts a labelled launcher in an open shadow root, once even if the script runs twice', () => {
    boot(scriptTag({ 'data-server-url': 'https://chat.test' }), { panelUrl: 'https://cdn.example.com/widget-panel.js' });
    boot(scriptTag({ 'data-server-url': 'https://chat.test' }), { panelUrl: 'https://cdn.example.com/widget-panel.js' });
    expect(document.querySelectorAll('[data-rocketchat-widget]')).toHaveLength(1);
    const launcher = shadow().getByRole('button', { name: 'Open chat' });
    expect(launcher).toHaveAttribute('aria-expanded', 'false');
    expect(launcher).toHaveAttribute('aria-controls', 'rcw-panel');
  });

  it('names the launcher in the page language and counts unread messages kept from the last page', async () => {
    document.documentElement.lang = 'de';
    // The panel keeps the unread count under the server's storage namespace.
    localStorage.setItem(`${storageNamespace('https://chat.test')}:unread`, '3');
    boot(scriptTag({ 'data-server-url': 'https://chat.test' }), { panelUrl: 'x', ...PARTS, verified: parts });
    // English at once (the loader carries it), German when its words arrive.
    expect(shadow().getByRole('button', { name: 'Open chat, unread messages: 3' })).toBeInTheDocument();
    await vi.waitFor(() => expect(shadow().getByRole('button', { name: 'Chat öffnen, ungelesene Nachrichten: 3' })).toBeInTheDocument());
    document.documentElement.lang = '';
  });

  it("names the launcher in the tag's data-language before the page's, and fetches no words for an English page", async () => {
    document.documentElement.lang = 'en-GB';
    boot(scriptTag({ 'data-server-url': 'https://chat.test', 'data-language': 'pt-BR' }), { panelUrl: 'x', ...PARTS, verified: parts });
    await vi.waitFor(() => expect(shadow().getByRole('button', { name: 'Abrir chat' })).toBeInTheDocument());
    expect(parts).toHaveBeenCalledWith(`https://cdn.example.com/${PARTS.stringsUrl}`);
    delete window.__rocketchatWidget;
    document.body.innerHTML = '';
    parts.mockClear();
    boot(scriptTag({ 'data-server-url': 'https://chat.test' }), { panelUrl: 'x', ...PARTS, verified: parts });
    expect(shadow().getByRole('button', { name: 'Open chat' })).toBeInTheDocument();
    expect(parts).not.toHaveBeenCalled();
    document.documentElement.lang = '';
  });

  it('does not mount, and tells the site owner why, when the server address is wrong', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    boot(scriptTag({ 'data-server-url': 'ftp://chat.test' }), { panelUrl: 'x' });
    expect(host()).toBeNull();
    expect(error).toHaveBeenCalledWith(expect.stringContaining('data-server-url'));
  });

  it("replays calls queued with Rocket.Chat's snippet, and hides without leaving anything clickable", async () => {
    const events: string[] = [];
    const queue: ((this: Record<string, (...a: unknown[]) => void>) => void)[] = [
      function () {
        this.onWidgetHidden!(() => events.push('hidden'));
        this.onWidgetShown!(() => events.push('shown'));
        this.hideWidget!();
      },
    ];
    (window as { RocketChat?: unknown }).RocketChat = Object.assign(() => undefined, { _: queue, url: 'https://rc.test/livechat' });
    boot(scriptTag({}), { panelUrl: 'x', ...PARTS, verified: parts });
    // Until the page API's part has run them, the launcher is not shown (nothing to see or click).
    expect(host()!.style.visibility).toBe('hidden');
    await vi.waitFor(() => expect(host()!.hidden).toBe(true));
    expect(host()!.style.visibility).toBe('');
    // In order: the callbacks were registered before the hide was said.
    expect(events).toEqual(['hidden']);
    const rc = (window as unknown as { RocketChat: { livechat: Record<string, (...a: unknown[]) => unknown> } }).RocketChat;
    rc.livechat.showWidget!();
    expect(host()!.hidden).toBe(false);
    expect(events).toEqual(['hidden', 'shown']);
    expect(rc.livechat.getState!()).toEqual({ token: undefined, roomId: undefined, open: false, status: 'idle', unread: 0 });
  });

  it('themes the launcher from data-color with readable icon contrast', () => {
    // happy-dom computes colours as written (a browser gives rgb(), which e2e/embed.spec.ts checks).
    boot(scriptTag({ 'data-server-url': 'https://chat.test', 'data-color': 'rgb(253, 224, 71)' }), { panelUrl: 'x' });
    expect(host()!.style.getPropertyValue('--rcw-color')).toBe('rgb(253, 224, 71)');
    expect(host()!.style.getPropertyValue('--rcw-on-color')).toBe('#000');
    // The colour was read from the host, which keeps none of its own.
    expect(host()!.style.color).toBe('');
  });

  it('takes data-theme="dark" or "light" onto the widget, and ignores anything else', () => {
    boot(scriptTag({ 'data-server-url': 'https://chat.test', 'data-theme': 'dark' }), { panelUrl: 'x' });
    expect(host()!.dataset.theme).toBe('dark');
    const neon = readEmbedConfig(scriptTag({ 'data-server-url': 'https://chat.test', 'data-theme': 'neon' }), undefined, 'https://shop.test/');
    expect(neon.ok && neon.config.theme).toBeUndefined();
  });
});
