/**
 * The page API as the script tag carries it: a stub (host-api.ts) that answers the getters and queues
 * every other call, and its implementation (page-api.ts), a part of its own fetched on the page's first
 * call. Nothing the page asked for is lost or reordered, whenever it asked: in Rocket.Chat's snippet
 * before the script ran, while the part downloads, before the panel runs, or after.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiCall, PanelModule, WidgetHost } from '../../src/widget/embed/host-contract.ts';
import { mount, type Parts } from '../../src/widget/embed/loader.ts';
import { storageNamespace } from '../../src/widget/state/storage.ts';

type Livechat = Record<string, (...a: unknown[]) => unknown>;
const livechat = () => (window as unknown as { RocketChat: { livechat: Livechat } }).RocketChat.livechat;
const host = () => document.querySelector<HTMLElement>('[data-rocketchat-widget]')!;

/** Each part arrives when the test says so, as a download would; what the panel is handed is kept. */
function held() {
  const arrivals: Record<string, () => void> = {};
  const arrived: Record<string, Promise<void>> = {};
  for (const part of ['api', 'panel'] as const) arrived[part] = new Promise<void>((r) => (arrivals[part] = r));
  const handled: ApiCall[] = [];
  let widget: WidgetHost | undefined;
  const panel: PanelModule = {
    mountPanel: (h) => {
      widget = h;
      // As the panel does: first what was queued, then every later call.
      handled.push(...h.takeQueuedCalls());
      h.setCallHandler((call) => handled.push(call));
      return { open: () => undefined, close: () => undefined, isOpen: () => false, destroy: () => undefined };
    },
    warnConfig: async () => undefined,
  };
  const requested: string[] = [];
  const load = vi.fn(async (part: keyof Parts) => {
    requested.push(part);
    if (part === 'api') return arrived.api!.then(() => import('../../src/widget/embed/page-api.ts'));
    if (part === 'panel') return arrived.panel!.then(() => panel);
    throw new Error(`${part}: not in this test`);
  });
  return { load, arrive: (part: 'api' | 'panel') => arrivals[part]!(), handled, requested, widget: () => widget! };
}

/** Rocket.Chat's embed snippet, with what the page queued in it before the script loaded. */
function snippet(...queued: ((this: Livechat) => void)[]) {
  (window as { RocketChat?: unknown }).RocketChat = Object.assign(() => undefined, { _: queued, url: 'https://rc.test/livechat' });
}

const methods = (calls: ApiCall[]) => calls.map((c) => `${c.method}(${c.args.map((a) => JSON.stringify(a)).join()})`);

beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = '';
  delete (window as { RocketChat?: unknown }).RocketChat;
  // A site known to have no proactive messages: no idle read of the server; and no server at all.
  localStorage.setItem(`${storageNamespace('https://chat.test')}:triggers`, 'false');
  vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('the page API before and after its part arrives', () => {
  it('fetches nothing for a page that never calls it', async () => {
    const parts = held();
    mount({ serverUrl: 'https://chat.test', zIndex: 1 }, parts.load);
    expect(livechat().getState!()).toMatchObject({ status: 'idle' });
    await Promise.resolve();
    expect(parts.requested).toEqual([]);
    expect(host().style.visibility).toBe('');
  });

  it('runs the calls of the snippet, those made while it downloads and those after, in the order made, up to the panel', async () => {
    const parts = held();
    const events: unknown[] = [];
    snippet(function () {
      this.setDepartment!('Sales');
      this.onChatStarted!((data: unknown) => events.push(['started', data]));
      this.setTheme!({ color: '#111111' });
    });
    mount({ serverUrl: 'https://chat.test', zIndex: 1 }, parts.load);
    // The getters answer at once, without the part.
    expect(livechat().getVisitorToken!()).toBeUndefined();
    livechat().setGuestName!('Ada');
    livechat().setTheme!({ color: '#222222' });
    expect(parts.requested).toEqual(['api']);
    // Nothing shown with the defaults while the page's own settings wait.
    expect(host().style.visibility).toBe('hidden');

    parts.arrive('api');
    await vi.waitFor(() => expect(host().style.getPropertyValue('--rcw-color')).toBe('#222222'));
    expect(host().style.visibility).toBe('');
    // After the part: at once.
    livechat().setGuestEmail!('ada@example.com');
    livechat().registerGuest!({ token: 't-1' });
    // registerGuest needs the server now: the panel is fetched for it.
    expect(parts.requested).toEqual(['api', 'panel']);
    livechat().setCustomField!('plan', 'gold');

    parts.arrive('panel');
    await vi.waitFor(() => expect(parts.handled).toHaveLength(7));
    expect(methods(parts.handled)).toEqual([
      'setDepartment("Sales")',
      'setTheme({"color":"#111111"})',
      'setGuestName("Ada")',
      'setTheme({"color":"#222222"})',
      'setGuestEmail("ada@example.com")',
      'registerGuest({"token":"t-1"})',
      'setCustomField("plan","gold")',
    ]);
    // Once the panel runs, a call goes straight to it.
    livechat().setGuestName!('Grace');
    expect(methods(parts.handled).at(-1)).toBe('setGuestName("Grace")');
    // The callback registered in the snippet hears the panel.
    parts.widget().emit('onChatStarted', { rid: 'r-1' });
    await vi.waitFor(() => expect(events).toEqual([['started', { rid: 'r-1' }]]));
  });

  it('tells a callback registered while the part downloads what the panel says meanwhile', async () => {
    const parts = held();
    mount({ serverUrl: 'https://chat.test', zIndex: 1 }, parts.load);
    const events: string[] = [];
    livechat().onChatMaximized!(() => events.push('maximized'));
    // The visitor opens the chat before the API's part has arrived.
    host().shadowRoot!.querySelector('button')!.click();
    parts.arrive('panel');
    await vi.waitFor(() => expect(parts.widget()).toBeDefined());
    parts.widget().emit('onChatMaximized');
    parts.arrive('api');
    await vi.waitFor(() => expect(events).toEqual(['maximized']));
  });

  it('keeps the calls when the part cannot be fetched, and runs them with the next call', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const parts = held();
    let fail = true;
    const load = vi.fn((part: keyof Parts) => (part === 'api' && fail ? Promise.reject(new Error('offline')) : parts.load(part)));
    mount({ serverUrl: 'https://chat.test', zIndex: 1 }, load);
    livechat().hideWidget!();
    await vi.waitFor(() => expect(error).toHaveBeenCalled());
    // Shown again (with the defaults) rather than never.
    expect(host().style.visibility).toBe('');
    expect(host().hidden).toBe(false);
    fail = false;
    parts.arrive('api');
    livechat().setTheme!({ color: '#333333' });
    await vi.waitFor(() => expect(host().hidden).toBe(true));
    expect(host().style.getPropertyValue('--rcw-color')).toBe('#333333');
  });
});
