/**
 * A session the server forgot: the chat starts afresh by itself, says so, carries over what was not
 * sent (under new ids) and the draft, and does not loop when the fresh session is refused too.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatError } from '../../src/widget/backend/errors.ts';
import { createChat, type Chat } from '../../src/widget/state/chat.ts';
import { createStorage } from '../../src/widget/state/storage.ts';
import { createRocketChatBackend } from '../../src/widget/backend/rocketchat/backend.ts';
import { FakeBackend } from './fake-backend.ts';

const chats: Chat[] = [];
function start(backend = new FakeBackend()) {
  const chat = createChat({ backend, storage: createStorage('test', window.localStorage), resendDelaysMs: [50, 50] });
  chats.push(chat);
  return { chat, backend };
}
afterEach(() => {
  for (const c of chats.splice(0)) c.dispose();
  window.localStorage.clear();
});

const lost = () => new ChatError('unauthorized', 'invalid-token');
const visitorTexts = (chat: Chat) => chat.messages.value.filter((m) => m.from === 'visitor').map((m) => `${m.text}:${m.status}`);

/** The server forgets everything: no visitor, no room. */
function forget(backend: FakeBackend) {
  backend.visitors.clear();
  backend.rooms = [];
}

describe('when the server no longer knows the visitor', () => {
  it('sends the refused message and the ones behind it in a new session, keeps the draft, and says so', async () => {
    const { chat, backend } = start();
    await chat.load();
    chat.send('first');
    await vi.waitFor(() => expect(visitorTexts(chat)).toEqual(['first:sent']));
    const oldToken = backend.token;
    forget(backend);
    backend.failNext('sendMessage', lost());
    chat.send('second');
    chat.send('third');
    chat.draft.value = 'half typed';
    await vi.waitFor(() => expect(visitorTexts(chat)).toEqual(['second:sent', 'third:sent']));
    expect(chat.notice.value?.during).toBe('recovered');
    expect(chat.draft.value).toBe('half typed');
    // A new visitor with a new room holds exactly what had not been sent, in order, under new ids.
    expect(backend.token).not.toBe(oldToken);
    const room = backend.rooms.find((r) => r.token === backend.token)!;
    expect(room.messages.map((m) => m.text)).toEqual(['second', 'third']);
    expect(backend.forgotten).toContain('visitor');
  });

  it('starts afresh when the config says the session is lost, before anything is sent', async () => {
    const backend = new FakeBackend();
    const { chat } = start(backend);
    await chat.load();
    chat.send('kept');
    await vi.waitFor(() => expect(visitorTexts(chat)).toEqual(['kept:sent']));
    chat.dispose();
    forget(backend);
    backend.config = { ...backend.config, sessionLost: true };
    const again = start(backend).chat;
    await again.load();
    expect(again.notice.value?.during).toBe('recovered');
    expect(again.conversationId.value).toBeUndefined();
    expect(again.messages.value).toEqual([]);
  });

  it('finishing a chat the server forgot starts afresh instead of failing', async () => {
    const { chat, backend } = start();
    await chat.load();
    chat.send('hello');
    await vi.waitFor(() => expect(visitorTexts(chat)).toEqual(['hello:sent']));
    backend.failNext('closeChat', lost());
    await chat.finish();
    expect(chat.ended.value).toBeUndefined();
    expect(chat.notice.value?.during).toBe('recovered');
    expect(chat.finishing.value).toBe(false);
  });

  it('does not loop when the fresh session is refused too: the visitor gets "Start a new chat"', async () => {
    const { chat, backend } = start();
    await chat.load();
    // Every session is refused, the fresh one included.
    backend.failNext('identify', lost(), lost(), lost());
    chat.send('never accepted');
    await vi.waitFor(() => expect(chat.notice.value).toMatchObject({ during: 'start', error: { kind: 'unauthorized' } }));
    const identifies = backend.calls.filter((c) => c === 'identify').length;
    expect(identifies).toBe(2);
    expect(visitorTexts(chat)).toEqual(['never accepted:failed']);
    // The visitor's own "Start a new chat" tries once more, and with the server back it goes.
    backend.failures.clear();
    chat.startOver();
    await vi.waitFor(() => expect(visitorTexts(chat)).toEqual(['never accepted:sent']));
  });
});

describe('the Rocket.Chat adapter says when the session is lost', () => {
  const storage = () => createStorage('rc', window.localStorage);

  it('reports sessionLost when the server answers for a registered token as if it never knew it', async () => {
    const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('livechat/visitor')) return Response.json({ visitor: { _id: 'v', token: 'tok-x', username: 'guest-1' }, success: true });
      // No `guest`: the server does not know tok-x (any more).
      return Response.json({ config: { enabled: true, settings: {}, theme: {}, messages: {}, survey: {}, departments: [], online: true }, success: true });
    });
    vi.stubGlobal('fetch', fetchMock);
    try {
      const backend = createRocketChatBackend('https://chat.example', { storage: storage() });
      backend.visitorToken!.set('tok-x');
      // Not registered yet: an unknown token is just new.
      expect((await backend.loadConfig({})).sessionLost).toBeUndefined();
      await backend.identify({});
      expect((await backend.loadConfig({})).sessionLost).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('does not take a registration that lands while the config is on its way for a lost session', async () => {
    let answerConfig: (() => void) | undefined;
    const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('livechat/visitor')) return Response.json({ visitor: { _id: 'v', token: 'tok-y', username: 'guest-2' }, success: true });
      // The config was asked before the visitor registered, so it does not know them yet.
      await new Promise<void>((done) => (answerConfig = done));
      return Response.json({ config: { enabled: true, settings: {}, theme: {}, messages: {}, survey: {}, departments: [], online: true }, success: true });
    });
    vi.stubGlobal('fetch', fetchMock);
    try {
      const backend = createRocketChatBackend('https://chat.example', { storage: storage() });
      backend.visitorToken!.set('tok-y');
      const config = backend.loadConfig({});
      await vi.waitFor(() => expect(answerConfig).toBeDefined());
      await backend.identify({});
      answerConfig!();
      expect((await config).sessionLost).toBeUndefined();
      expect(backend.visitorToken!.get()).toBe('tok-y');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
