import { within } from '@testing-library/dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { warnConfig } from '../../src/widget/embed/config-warning.ts';
import { readEmbedConfig } from '../../src/widget/embed/embed-config.ts';
import { mount, unmount } from '../../src/widget/package/index.ts';

const hosts = () => document.querySelectorAll<HTMLElement>('[data-rocketchat-widget]');
const launchers = () => [...hosts()].flatMap((h) => within(h.shadowRoot as unknown as HTMLElement).queryAllByRole('button', { name: 'Open chat' }));

beforeEach(() => {
  delete window.__rocketchatWidget;
  delete window.RocketChat;
  document.body.innerHTML = '';
});
afterEach(() => {
  unmount();
  vi.restoreAllMocks();
});

describe('mount / unmount', () => {
  it('shows one launcher however often it is mounted, and none after unmount', () => {
    mount({ serverUrl: 'https://chat.test' });
    mount({ serverUrl: 'https://chat.test', position: 'left' });
    expect(launchers()).toHaveLength(1);
    expect(hosts()[0]!.dataset.position).toBe('left');
    unmount();
    expect(launchers()).toHaveLength(0);
    mount({ serverUrl: 'https://chat.test' });
    expect(launchers()).toHaveLength(1);
  });

  it('installs the page API while mounted, and a queue while not (run at the next mount)', () => {
    mount({ serverUrl: 'https://chat.test' });
    expect(typeof window.RocketChat?.livechat.getState).toBe('function');
    unmount();
    const ran: unknown[] = [];
    window.RocketChat!(function () {
      ran.push(this.getState().status);
    });
    expect(ran).toEqual([]);
    mount({ serverUrl: 'https://chat.test' });
    expect(ran).toEqual(['idle']);
  });

  it('names a wrong option in one warning with what is accepted, and starts with the rest', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    mount({ serverUrl: 'https://chat.test', position: 'top' as 'left', colour: 'red' } as never);
    expect(warn).toHaveBeenCalledTimes(1);
    const said = String(warn.mock.calls[0]![0]);
    expect(said).toContain('position="top" (accepted: left, right)');
    expect(said).toContain('colour (unknown)');
    expect(said).toContain('serverUrl');
    expect(launchers()).toHaveLength(1);
  });

  it('says what is missing instead of mounting without a server', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    mount({});
    expect(String(error.mock.calls[0]![0])).toContain('serverUrl');
    expect(launchers()).toHaveLength(0);
  });
});

describe('settings the widget ignores', () => {
  const tag = (attrs: Record<string, string>) => {
    const s = document.createElement('script');
    for (const [k, v] of Object.entries(attrs)) s.setAttribute(k, v);
    return s;
  };

  it('lists unknown attributes and refused values, and keeps the good ones', () => {
    const r = readEmbedConfig(tag({ 'data-server-url': 'https://chat.test', 'data-postion': 'left', 'data-theme': 'neon', 'data-z-index': '10', 'data-color': 'url(x)' }), undefined, 'https://shop.test/');
    expect(r).toMatchObject({ ok: true, ignored: ['postion', 'theme', 'color'], config: { zIndex: 10 } });
  });

  it('warns once, naming each as the site owner wrote it and the accepted values', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    warnConfig(['postion', 'zIndex'], { postion: 'left', zIndex: 'high' });
    expect(warn).toHaveBeenCalledTimes(1);
    const said = String(warn.mock.calls[0]![0]);
    expect(said).toContain('data-postion (unknown)');
    expect(said).toContain('data-z-index="high" (accepted: an integer)');
    expect(said).toContain('data-position (left, right)');
    warnConfig([], {});
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
