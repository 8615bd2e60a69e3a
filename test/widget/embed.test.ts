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
const shadow = () => within(host()!.shadowRoot as unknown as HTMLElement);

beforeEach(() => {
  delete window.__rocketchatWidget;
  delete (window as { RocketChat?: unknown }).RocketChat;
  document.body.innerHTML = '';
});
afterEach(() => vi.restoreAllMocks());

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

  it('names the launcher in the page language and counts unread messages kept from the last page', () => {
    document.documentElement.lang = 'de';
    // The panel keeps the unread count under the server's storage namespace.
    localStorage.setItem(`${storageNamespace('https://chat.test')}:unread`, '3');
    boot(scriptTag({ 'data-server-url': 'https://chat.test' }), { panelUrl: 'x' });
    expect(shadow().getByRole('button', { name: 'Chat öffnen, ungelesene Nachrichten: 3' })).toBeInTheDocument();
    document.documentElement.lang = '';
  });

  it('does not mount, and tells the site owner why, when the server address is wrong', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    boot(scriptTag({ 'data-server-url': 'ftp://chat.test' }), { panelUrl: 'x' });
    expect(host()).toBeNull();
    expect(error).toHaveBeenCalledWith(expect.stringContaining('data-server-url'));
  });

  it("replays calls queued with Rocket.Chat's snippet, and hides without leaving anything clickable", () => {
    const events: string[] = [];
    const queue: ((this: Record<string, (...a: unknown[]) => void>) => void)[] = [
      function () {
        this.onWidgetHidden!(() => events.push('hidden'));
        this.onWidgetShown!(() => events.push('shown'));
        this.hideWidget!();
      },
    ];
    (window as { RocketChat?: unknown }).RocketChat = Object.assign(() => undefined, { _: queue, url: 'https://rc.test/livechat' });
    boot(scriptTag({}), { panelUrl: 'x' });
    expect(host()!.hidden).toBe(true);
    expect(events).toEqual(['hidden']);
    const rc = (window as unknown as { RocketChat: { livechat: Record<string, (...a: unknown[]) => unknown> } }).RocketChat;
    rc.livechat.showWidget!();
    expect(host()!.hidden).toBe(false);
    expect(events).toEqual(['hidden', 'shown']);
    expect(rc.livechat.getState!()).toEqual({ token: undefined, roomId: undefined, open: false, status: 'idle', unread: 0 });
  });

  it('themes the launcher from data-color with readable icon contrast', () => {
    boot(scriptTag({ 'data-server-url': 'https://chat.test', 'data-color': '#fde047' }), { panelUrl: 'x' });
    expect(host()!.style.getPropertyValue('--rcw-color')).toBe('#fde047');
    expect(host()!.style.getPropertyValue('--rcw-on-color')).toBe('#000');
  });

  it('takes data-theme="dark" or "light" onto the widget, and ignores anything else', () => {
    boot(scriptTag({ 'data-server-url': 'https://chat.test', 'data-theme': 'dark' }), { panelUrl: 'x' });
    expect(host()!.dataset.theme).toBe('dark');
    const neon = readEmbedConfig(scriptTag({ 'data-server-url': 'https://chat.test', 'data-theme': 'neon' }), undefined, 'https://shop.test/');
    expect(neon.ok && neon.config.theme).toBeUndefined();
  });
});
