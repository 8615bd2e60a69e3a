/**
 * The cold open in parallel: the loader starts the panel's first reads from Rocket.Chat (its config, the
 * history of the chat it remembers) while the panel is still downloading, and the REST client takes those
 * answers instead of asking again — or asks the normal way when an early one failed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatError } from '../../src/widget/backend/errors.ts';
import { createRocketChatBackend } from '../../src/widget/backend/rocketchat/backend.ts';
import type { PanelModule, WidgetHost } from '../../src/widget/embed/host-contract.ts';
import { mount } from '../../src/widget/embed/loader.ts';
import { createStorage, storageNamespace } from '../../src/widget/state/storage.ts';

const SERVER = 'https://chat.test';
const ns = storageNamespace(SERVER);
const message = { _id: 'm1', rid: 'room-1', msg: 'Hello again', ts: '2025-01-15T10:00:00.000Z', _updatedAt: '2025-01-15T10:00:00.000Z', u: { _id: 'a', username: 'ana', name: 'Ana' } };

/** What the server answers, by route; every request is recorded in order. */
function server(fail: (url: string) => boolean = () => false) {
  const urls: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const url = input instanceof Request ? input.url : String(input);
    urls.push(url);
    if (fail(url)) throw new TypeError('Failed to fetch');
    // As Rocket.Chat: a known token's open room is in the config's answer.
    const room = url.includes('token=tok-1') ? { room: { _id: 'room-1', open: true } } : {};
    const body = url.includes('/livechat/config') ? { config: { enabled: true, online: true, ...room }, success: true } : { messages: [message], success: true };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
  return { urls, fetch };
}

/** A panel whose download the test finishes by hand, handing over what the loader gives it. */
function heldPanel() {
  let arrive!: () => void;
  const downloaded = new Promise<void>((r) => (arrive = r));
  let host: WidgetHost | undefined;
  const module: PanelModule = {
    mountPanel: (h) => {
      host = h;
      return { open: () => undefined, close: () => undefined, isOpen: () => false, destroy: () => undefined };
    },
    warnConfig: async () => undefined,
  };
  return { load: () => downloaded.then(() => module), arrive, host: () => host };
}

beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = '';
});
afterEach(() => vi.unstubAllGlobals());

describe('the cold open', () => {
  it("asks for the config, then the open chat's history as soon as the config names it, while the panel is still downloading", async () => {
    // No room remembered (only the visitor's token): the config's answer says which chat is open.
    localStorage.setItem(`${ns}:token`, JSON.stringify('tok-1'));
    // (A site known to have no proactive messages: no idle config read of its own.)
    localStorage.setItem(`${ns}:triggers`, 'false');
    const net = server();
    vi.stubGlobal('fetch', net.fetch);
    const panel = heldPanel();
    mount({ serverUrl: SERVER, zIndex: 1 }, panel.load);
    const launcher = document.querySelector('[data-rocketchat-widget]')!.shadowRoot!.querySelector('button')!;
    launcher.dispatchEvent(new Event('pointerenter'));

    // The panel has not arrived, and both reads are already on their way.
    await vi.waitFor(() => expect(net.urls).toHaveLength(2));
    expect(panel.host()).toBeUndefined();
    expect(net.urls).toEqual([`${SERVER}/api/v1/livechat/config?token=tok-1`, `${SERVER}/api/v1/livechat/messages.history/room-1?token=tok-1&limit=50`]);

    panel.arrive();
    await vi.waitFor(() => expect(panel.host()).toBeDefined());
    // The panel's adapter asks exactly those (the first page is 50, chat-state's pageSize): no request again.
    const adapterFetch = vi.fn(server().fetch);
    const backend = createRocketChatBackend(SERVER, { storage: createStorage(ns), rest: { early: panel.host()!.early, fetch: adapterFetch } });
    await expect(backend.loadConfig({})).resolves.toMatchObject({ enabled: true, online: true });
    const page = await backend.loadHistory({ conversation: 'room-1', limit: 50 });
    expect(page.messages.map((m) => m.text)).toEqual(['Hello again']);
    expect(adapterFetch).not.toHaveBeenCalled();
    expect(net.urls).toHaveLength(2);
  });

  it('the panel has the config only once the history it names is on its way: it never asks for that page itself', async () => {
    localStorage.setItem(`${ns}:token`, JSON.stringify('tok-1'));
    localStorage.setItem(`${ns}:triggers`, 'false');
    const net = server();
    // The loader's own reading of the config's answer is held: the panel must not be handed that answer before.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
      const res = await net.fetch(input);
      const clone = res.clone.bind(res);
      res.clone = () => {
        const copy = clone();
        const json = copy.json.bind(copy);
        copy.json = () => held.then(json);
        return copy;
      };
      return res;
    });
    const panel = heldPanel();
    mount({ serverUrl: SERVER, zIndex: 1 }, panel.load);
    document.querySelector('[data-rocketchat-widget]')!.shadowRoot!.querySelector('button')!.dispatchEvent(new Event('focus'));
    panel.arrive();
    await vi.waitFor(() => expect(panel.host()).toBeDefined());
    const adapterFetch = vi.fn(server().fetch);
    const backend = createRocketChatBackend(SERVER, { storage: createStorage(ns), rest: { early: panel.host()!.early, fetch: adapterFetch } });
    let configured = false;
    const loading = backend.loadConfig({}).then(() => (configured = true));
    await vi.waitFor(() => expect(net.urls).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 0));
    expect(configured).toBe(false);
    release();
    await loading;
    await backend.loadHistory({ conversation: 'room-1', limit: 50 });
    expect(adapterFetch).not.toHaveBeenCalled();
    expect(net.urls).toHaveLength(2);
  });

  it('a known visitor without an open chat (the config names no room) gets the config only, whatever room was stored', async () => {
    localStorage.setItem(`${ns}:token`, JSON.stringify('tok-2'));
    localStorage.setItem(`${ns}:rid`, JSON.stringify('room-ended'));
    localStorage.setItem(`${ns}:ended`, 'true');
    localStorage.setItem(`${ns}:triggers`, 'false');
    const net = server();
    vi.stubGlobal('fetch', net.fetch);
    const panel = heldPanel();
    mount({ serverUrl: SERVER, zIndex: 1 }, panel.load);
    document.querySelector('[data-rocketchat-widget]')!.shadowRoot!.querySelector('button')!.dispatchEvent(new Event('focus'));
    panel.arrive();
    await vi.waitFor(() => expect(panel.host()).toBeDefined());
    const host = panel.host()!;
    // The config's answer has been read by the loader, and the panel can still read it whole.
    const backend = createRocketChatBackend(SERVER, { storage: createStorage(ns), rest: { early: host.early, fetch: vi.fn(server().fetch) } });
    await expect(backend.loadConfig({})).resolves.toMatchObject({ enabled: true });
    expect(net.urls).toEqual([`${SERVER}/api/v1/livechat/config?token=tok-2`]);
  });

  it('a first visit (no token, no chat) asks for the config only, with the department it was given', async () => {
    const net = server();
    vi.stubGlobal('fetch', net.fetch);
    const panel = heldPanel();
    mount({ serverUrl: SERVER, zIndex: 1, department: 'Sales' }, panel.load);
    document.querySelector('[data-rocketchat-widget]')!.shadowRoot!.querySelector('button')!.dispatchEvent(new Event('focus'));
    expect(net.urls).toEqual([`${SERVER}/api/v1/livechat/config?department=Sales`]);
    panel.arrive();
    await vi.waitFor(() => expect(panel.host()).toBeDefined());
    const adapterFetch = vi.fn(server().fetch);
    const backend = createRocketChatBackend(SERVER, { storage: createStorage(ns), rest: { early: panel.host()!.early, fetch: adapterFetch } });
    await backend.loadConfig({ department: 'Sales' });
    expect(adapterFetch).not.toHaveBeenCalled();
  });

  it('starts nothing of Rocket.Chat on Amazon Connect', () => {
    const net = server();
    vi.stubGlobal('fetch', net.fetch);
    const panel = heldPanel();
    mount({ serverUrl: 'https://api.test/start-chat', backend: 'amazon-connect', zIndex: 1 }, panel.load);
    document.querySelector('[data-rocketchat-widget]')!.shadowRoot!.querySelector('button')!.dispatchEvent(new Event('focus'));
    expect(net.urls).toEqual([]);
  });
});

describe('an early read that failed', () => {
  const early = (entries: Record<string, Promise<Response | undefined>>) => new Map(Object.entries(entries));

  it('is asked again the normal way, and its answer used', async () => {
    const net = server();
    const backend = createRocketChatBackend(SERVER, {
      storage: createStorage('early-a', null),
      rest: { fetch: net.fetch, early: early({ [`${SERVER}/api/v1/livechat/config?`]: Promise.resolve(undefined) }) },
    });
    await expect(backend.loadConfig({})).resolves.toMatchObject({ enabled: true });
    expect(net.fetch).toHaveBeenCalledTimes(1);
  });

  it('an error status is not taken: the normal request says what went wrong, as it always does', async () => {
    const storage = createStorage('early-b', null);
    storage.set('token', 'tok-b');
    const refused = new Response(JSON.stringify({ success: false, error: 'invalid-token' }), { status: 400 });
    const backend = createRocketChatBackend(SERVER, {
      storage,
      rest: {
        fetch: async () => new Response(JSON.stringify({ success: false, error: 'invalid-token' }), { status: 400, headers: { 'Content-Type': 'application/json' } }),
        early: early({ [`${SERVER}/api/v1/livechat/messages.history/r1?token=tok-b&limit=50`]: Promise.resolve(refused) }),
      },
    });
    const error = await backend.loadHistory({ conversation: 'r1', limit: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatError);
  });

  it('an early read is dropped once the client writes: its answer may predate the write', async () => {
    const net = server();
    const map = early({ [`${SERVER}/api/v1/livechat/config?token=tok-c`]: Promise.resolve(new Response('{"config":{"enabled":false}}')) });
    const storage = createStorage('early-c', null);
    storage.set('token', 'tok-c');
    const backend = createRocketChatBackend(SERVER, { storage, rest: { fetch: net.fetch, early: map } });
    await backend.setVisitorStatus('online').catch(() => undefined);
    expect(map.size).toBe(0);
    await expect(backend.loadConfig({})).resolves.toMatchObject({ enabled: true });
  });

  it('an early answer nobody reads (dropped by a write, or an error status) lets its body go, so no connection stays busy', async () => {
    const cancelled: string[] = [];
    const answer = (name: string, status = 200) =>
      new Response(new ReadableStream({ cancel: () => void cancelled.push(name) }), { status, headers: { 'Content-Type': 'application/json' } });
    const storage = createStorage('early-d', null);
    storage.set('token', 'tok-d');
    const net = server();
    const map = early({
      [`${SERVER}/api/v1/livechat/messages.history/r1?token=tok-d&limit=50`]: Promise.resolve(answer('refused', 400)),
      [`${SERVER}/api/v1/livechat/config?token=tok-d`]: Promise.resolve(answer('config')),
    });
    const backend = createRocketChatBackend(SERVER, { storage, rest: { fetch: net.fetch, early: map } });
    await backend.loadHistory({ conversation: 'r1', limit: 50 });
    await backend.setVisitorStatus('online').catch(() => undefined);
    await vi.waitFor(() => expect(cancelled.sort()).toEqual(['config', 'refused']));
  });
});
