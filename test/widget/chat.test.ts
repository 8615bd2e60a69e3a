import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatError } from '../../src/widget/backend/errors.ts';
import { createChat, type Chat } from '../../src/widget/state/chat.ts';
import { createStorage } from '../../src/widget/state/storage.ts';
import { FakeBackend, makeConfig } from './fake-backend.ts';

const chats: Chat[] = [];
function start(backend = new FakeBackend(), resendDelaysMs = [300, 600]) {
  const chat = createChat({ backend, storage: createStorage('test', window.localStorage), resendDelaysMs });
  chats.push(chat);
  return { chat, backend };
}
afterEach(() => {
  for (const c of chats.splice(0)) c.dispose();
  vi.useRealTimers();
});

const texts = (chat: Chat) => chat.messages.value.map((m) => `${m.from}:${m.text}:${m.status}`);

describe('starting a conversation', () => {
  it('shows the chat screen once the server config is loaded', async () => {
    const { chat } = start();
    expect(chat.screen.value).toBe('loading');
    await chat.load();
    expect(chat.screen.value).toBe('chat');
  });

  it('registers the visitor and opens the room on the first message, once', async () => {
    const { chat, backend } = start();
    await chat.load();
    chat.send('Hello');
    chat.send('Anyone there?');
    await vi.waitFor(() => expect(texts(chat)).toEqual(['visitor:Hello:sent', 'visitor:Anyone there?:sent']));
    expect(backend.calls.filter((c) => c === 'identify')).toHaveLength(1);
    expect(backend.calls.filter((c) => c === 'startChat')).toHaveLength(1);
    expect(chat.conversationId.value).toBe('R1');
    // The visitor's credential is the backend's (its format is tested with the Rocket.Chat adapter).
    expect(backend.visitorToken.get()).toBeTruthy();
  });

  it('keeps the typed text and offers a retry when the server cannot be reached', async () => {
    const { chat, backend } = start();
    await chat.load();
    backend.failNext('startChat', new ChatError('no-agent', 'no-agent-online'));
    chat.send('Hello');
    await vi.waitFor(() => expect(texts(chat)).toEqual(['visitor:Hello:failed']));
    expect(chat.notice.value?.error.kind).toBe('no-agent');
    chat.retry(chat.messages.value[0]!.id);
    await vi.waitFor(() => expect(texts(chat)).toEqual(['visitor:Hello:sent']));
  });

  it('shows the server unavailable screen when livechat is disabled', async () => {
    const backend = new FakeBackend();
    backend.config = makeConfig({ enabled: false });
    const { chat } = start(backend);
    await chat.load();
    expect(chat.screen.value).toBe('unavailable');
  });

  it('says the chat could not load, and loads on retry', async () => {
    const backend = new FakeBackend();
    backend.failNext('loadConfig', new ChatError('network', 'down'));
    const { chat } = start(backend);
    await chat.load();
    expect(chat.screen.value).toBe('error');
    expect(chat.notice.value).toMatchObject({ during: 'load', error: { kind: 'network' } });
    await chat.load();
    expect(chat.screen.value).toBe('chat');
    expect(chat.notice.value).toBeUndefined();
  });
});

describe('sending', () => {
  it('resends a message with the same id after a transient failure, without duplicating it', async () => {
    const { chat, backend } = start();
    await chat.load();
    backend.failNext('sendMessage', new ChatError('server', 'HTTP 503'));
    chat.send('Where is my order?');
    await vi.waitFor(() => expect(chat.messages.value[0]?.status).toBe('failed'));
    expect(chat.messages.value[0]?.retryAt).toBeTypeOf('number');
    const id = chat.messages.value[0]!.id;
    await vi.waitFor(() => expect(texts(chat)).toEqual(['visitor:Where is my order?:sent']));
    expect(chat.messages.value[0]!.id).toBe(id);
    expect(backend.room('R1').messages.map((m) => m.id)).toEqual([id]);
  });

  it('keeps the order of queued messages when the first one fails', async () => {
    const { chat, backend } = start();
    await chat.load();
    backend.failNext('sendMessage', new ChatError('invalid-params', 'bad'));
    chat.send('one');
    await vi.waitFor(() => expect(chat.messages.value[0]?.status).toBe('failed'));
    chat.send('two');
    await new Promise((r) => setTimeout(r, 30));
    // "two" waits behind the failed "one" instead of overtaking it.
    expect(texts(chat)).toEqual(['visitor:one:failed', 'visitor:two:sending']);
    chat.retry(chat.messages.value[0]!.id);
    await vi.waitFor(() => expect(texts(chat)).toEqual(['visitor:one:sent', 'visitor:two:sent']));
    expect(backend.room('R1').messages.map((m) => m.text)).toEqual(['one', 'two']);
  });

  it('puts the text of a message that cannot be sent back into the composer on Edit', async () => {
    const { chat, backend } = start();
    await chat.load();
    backend.failNext('sendMessage', new ChatError('too-long', 'too long'));
    chat.send('a very long text');
    await vi.waitFor(() => expect(chat.messages.value[0]?.status).toBe('failed'));
    chat.discard(chat.messages.value[0]!.id);
    expect(chat.messages.value).toHaveLength(0);
    expect(chat.draft.value).toBe('a very long text');
  });

  it('refuses text over the server limit and keeps it in the draft', async () => {
    const backend = new FakeBackend();
    backend.config = makeConfig({ limitTextLength: 5 });
    const { chat } = start(backend);
    await chat.load();
    chat.draft.value = 'too long';
    expect(chat.send(chat.draft.value)).toBe(false);
    expect(chat.draft.value).toBe('too long');
    expect(chat.messages.value).toHaveLength(0);
  });
});

describe('reloading the page', () => {
  it('restores the conversation from the server', async () => {
    const first = start();
    await first.chat.load();
    first.chat.send('Hi');
    await vi.waitFor(() => expect(first.chat.messages.value[0]?.status).toBe('sent'));
    first.backend.agentSays('R1', 'Hello! How can I help?');
    first.chat.dispose();

    const second = start(first.backend);
    await second.chat.load();
    expect(texts(second.chat)).toEqual(['visitor:Hi:sent', 'agent:Hello! How can I help?:sent']);
    expect(second.chat.conversationId.value).toBe('R1');
  });

  it('resends messages that were still unsent, with their ids, and only once', async () => {
    // A long automatic-resend delay: the page is "closed" before it fires.
    const first = start(new FakeBackend(), [60_000]);
    await first.chat.load();
    first.backend.failNext('startChat', new ChatError('network', 'down'));
    first.chat.send('typed while offline');
    await vi.waitFor(() => expect(first.chat.messages.value[0]?.status).toBe('failed'));
    const id = first.chat.messages.value[0]!.id;
    first.chat.dispose();

    const second = start(first.backend);
    expect(texts(second.chat)).toEqual(['visitor:typed while offline:sending']);
    await second.chat.load();
    await vi.waitFor(() => expect(texts(second.chat)).toEqual(['visitor:typed while offline:sent']));
    expect(first.backend.room('R1').messages.map((m) => m.id)).toEqual([id]);
  });

  it('shows the ended state when the agent closed the chat while the page was away', async () => {
    const first = start();
    await first.chat.load();
    first.chat.send('Hi');
    await vi.waitFor(() => expect(first.chat.conversationId.value).toBe('R1'));
    first.chat.dispose();
    first.backend.agentCloses('R1', false);

    const second = start(first.backend);
    await second.chat.load();
    expect(second.chat.screen.value).toBe('ended');
    expect(second.chat.ended.value).toEqual({ by: 'agent', transcriptRequested: false });
  });
});

describe('an address the page gave and the server refuses', () => {
  it('starts the chat without it, tells the developer, and forgets it, so the visitor is never stuck on it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const backend = new FakeBackend();
    const storage = createStorage('refused-email', window.localStorage);
    const chat = createChat({ backend, storage });
    chats.push(chat);
    await chat.load();
    chat.core.guest.value = { name: 'Bob', email: 'bob@example' };
    backend.failNext('identify', new ChatError('invalid-email', 'error-invalid-email'));
    chat.send('Hello');
    await vi.waitFor(() => expect(chat.messages.value[0]?.status).toBe('sent'));
    expect(chat.conversationId.value).toBe('R1');
    expect(chat.guest.value).toEqual({ name: 'Bob' });
    expect(chat.notice.value).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"bob@example"'));
    warn.mockRestore();
  });

  it('a refusal that is not about the address still reaches the visitor', async () => {
    const backend = new FakeBackend();
    const chat = createChat({ backend, storage: createStorage('refused-other', window.localStorage) });
    chats.push(chat);
    await chat.load();
    chat.core.guest.value = { email: 'bob@example.com' };
    backend.failNext('identify', new ChatError('invalid-params', 'error-invalid-name'));
    chat.send('Hello');
    await vi.waitFor(() => expect(chat.messages.value[0]?.status).toBe('failed'));
    expect(chat.guest.value).toEqual({ email: 'bob@example.com' });
  });
});

describe('live events', () => {
  it('adds agent messages once even when the stream and history both deliver them', async () => {
    const { chat, backend } = start();
    await chat.load();
    chat.send('Hi');
    await vi.waitFor(() => expect(backend.watchers).toHaveLength(1));
    const m = backend.agentSays('R1', 'Hello');
    backend.emit({ type: 'message', message: m });
    backend.emit({ type: 'resync' });
    await vi.waitFor(() => expect(backend.calls.filter((c) => c === 'loadHistory').length).toBeGreaterThan(0));
    expect(texts(chat)).toEqual(['visitor:Hi:sent', 'agent:Hello:sent']);
  });

  it('fills a long gap after a reconnect by paging back until it meets known messages', async () => {
    const backend = new FakeBackend();
    const chat = createChat({ backend, storage: createStorage('gap', window.localStorage), pageSize: 10 });
    chats.push(chat);
    await chat.load();
    chat.send('before the gap');
    await vi.waitFor(() => expect(chat.messages.value[0]?.status).toBe('sent'));
    for (let i = 1; i <= 35; i++) backend.agentSays('R1', `missed ${i}`, false);
    backend.emit({ type: 'resync' });
    await vi.waitFor(() => expect(chat.messages.value).toHaveLength(36));
    expect(chat.messages.value.map((m) => m.text)).toEqual(['before the gap', ...Array.from({ length: 35 }, (_, i) => `missed ${i + 1}`)]);
  });

  it('a reconnect that missed nothing, or a little, reads a few messages, not a whole page again', async () => {
    const backend = new FakeBackend();
    const chat = createChat({ backend, storage: createStorage('small-gap', window.localStorage), pageSize: 50 });
    chats.push(chat);
    await chat.load();
    chat.send('Hi');
    await vi.waitFor(() => expect(chat.messages.value[0]?.status).toBe('sent'));
    for (let i = 1; i <= 30; i++) backend.agentSays('R1', `said ${i}`, false);
    backend.emit({ type: 'resync' });
    await vi.waitFor(() => expect(chat.messages.value).toHaveLength(31));
    // Nothing missed since: one read of 5.
    backend.historyLimits.length = 0;
    backend.emit({ type: 'resync' });
    await vi.waitFor(() => expect(backend.historyLimits).toEqual([5]));
    // Two missed: still one read of 5, and both shown.
    backend.agentSays('R1', 'missed 1', false);
    backend.agentSays('R1', 'missed 2', false);
    backend.historyLimits.length = 0;
    backend.emit({ type: 'resync' });
    await vi.waitFor(() => expect(chat.messages.value.slice(-2).map((m) => m.text)).toEqual(['missed 1', 'missed 2']));
    expect(backend.historyLimits).toEqual([5]);
    expect(chat.messages.value).toHaveLength(33);
  });

  it('a resync asked for while a read is on its way reads again after it: that read may predate what it must catch', async () => {
    const backend = new FakeBackend();
    const chat = createChat({ backend, storage: createStorage('resync-race', window.localStorage) });
    chats.push(chat);
    await chat.load();
    chat.send('Hi');
    await vi.waitFor(() => expect(chat.messages.value[0]?.status).toBe('sent'));
    // Hold the next history read until the agent has written after it started.
    let release!: () => void;
    const read = backend.loadHistory.bind(backend);
    vi.spyOn(backend, 'loadHistory').mockImplementationOnce(async (p) => {
      const page = await read(p);
      await new Promise<void>((r) => (release = r));
      return page;
    });
    backend.emit({ type: 'resync' });
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    backend.agentSays('R1', 'written during the read', false);
    backend.emit({ type: 'resync' });
    release();
    await vi.waitFor(() => expect(chat.messages.value.map((m) => m.text)).toEqual(['Hi', 'written during the read']));
  });

  it('a gap that cannot be read during an outage says nothing of earlier messages; online, it does', async () => {
    const backend = new FakeBackend();
    const chat = createChat({ backend, storage: createStorage('gap-outage', window.localStorage) });
    chats.push(chat);
    await chat.load();
    chat.send('Hi');
    await vi.waitFor(() => expect(chat.messages.value[0]?.status).toBe('sent'));
    backend.emit({ type: 'connection', state: 'reconnecting' });
    backend.failNext('loadHistory', new ChatError('network', 'down'));
    backend.emit({ type: 'resync' });
    await vi.waitFor(() => expect(backend.failures.get('loadHistory')).toEqual([]));
    // The read's failure lands in microtasks: let them all run (no time passes).
    await new Promise((r) => setTimeout(r, 0));
    expect(chat.notice.value).toBeUndefined();
    backend.emit({ type: 'connection', state: 'online' });
    backend.failNext('loadHistory', new ChatError('network', 'down'));
    backend.emit({ type: 'resync' });
    await vi.waitFor(() => expect(chat.notice.value?.during).toBe('history'));
  });

  it('counts agent messages as unread only while the visitor is not looking', async () => {
    const { chat, backend } = start();
    await chat.load();
    chat.send('Hi');
    await vi.waitFor(() => expect(backend.watchers).toHaveLength(1));
    chat.setWatching(false);
    backend.agentSays('R1', 'one');
    backend.agentSays('R1', 'two');
    expect(chat.unread.value).toBe(2);
    chat.setWatching(true);
    expect(chat.unread.value).toBe(0);
    backend.agentSays('R1', 'three');
    expect(chat.unread.value).toBe(0);
  });

  it('shows the agent typing until their message arrives', async () => {
    const { chat, backend } = start();
    await chat.load();
    chat.send('Hi');
    await vi.waitFor(() => expect(backend.watchers).toHaveLength(1));
    backend.emit({ type: 'typing', name: 'ana', typing: true });
    expect(chat.typing.value).toBe('ana');
    backend.agentSays('R1', 'Hello');
    expect(chat.typing.value).toBeUndefined();
  });

  it('ends the chat when the agent closes it', async () => {
    const { chat, backend } = start();
    await chat.load();
    chat.send('Hi');
    await vi.waitFor(() => expect(backend.watchers).toHaveLength(1));
    backend.agentCloses('R1');
    expect(chat.screen.value).toBe('ended');
    expect(chat.ended.value?.by).toBe('agent');
    expect(backend.watchers).toHaveLength(0);
  });
});

describe('finishing and the transcript', () => {
  async function chatting() {
    const ctx = start();
    await ctx.chat.load();
    ctx.chat.send('Hi');
    await vi.waitFor(() => expect(ctx.chat.messages.value[0]?.status).toBe('sent'));
    return ctx;
  }

  it('closes the room and shows the ended screen', async () => {
    const { chat, backend } = await chatting();
    await chat.finish();
    expect(backend.room('R1').open).toBe(false);
    expect(chat.screen.value).toBe('ended');
    expect(chat.ended.value).toEqual({ by: 'visitor', transcriptRequested: false });
  });

  it('says finishing failed and stays in the chat', async () => {
    const { chat, backend } = await chatting();
    backend.failNext('closeChat', new ChatError('server', 'HTTP 500'));
    await chat.finish();
    expect(chat.screen.value).toBe('chat');
    expect(chat.notice.value).toMatchObject({ during: 'finish', error: { kind: 'server' } });
  });

  it('sends the transcript to a valid address and reports it sent', async () => {
    const { chat, backend } = await chatting();
    await chat.finish();
    expect(await chat.requestTranscript('  jane@example.com ')).toBe(true);
    expect(backend.transcripts).toEqual([{ conversation: 'R1', email: 'jane@example.com' }]);
    expect(chat.transcript.value).toEqual({ status: 'sent', email: 'jane@example.com' });
  });

  it('never sends the transcript to an invalid address', async () => {
    const { chat, backend } = await chatting();
    await chat.finish();
    expect(await chat.requestTranscript('jane@')).toBe(false);
    expect(backend.transcripts).toEqual([]);
  });

  it('keeps the address and reports the error when the transcript cannot be sent', async () => {
    const { chat, backend } = await chatting();
    await chat.finish();
    backend.failNext('requestTranscript', new ChatError('rate-limited', 'slow down'));
    expect(await chat.requestTranscript('jane@example.com')).toBe(false);
    expect(chat.transcript.value).toMatchObject({ status: 'error', email: 'jane@example.com', error: { kind: 'rate-limited' } });
  });

  it('exports the whole conversation from the server, however long, for a download', async () => {
    const { chat, backend } = await chatting();
    for (let i = 0; i < 730; i++) backend.agentSays('R1', `line ${i}`, false);
    const all = await chat.exportMessages();
    expect(all.map((m) => m.text)).toEqual(['Hi', ...Array.from({ length: 730 }, (_, i) => `line ${i}`)]);
  });

  it('says when a download could not be prepared', async () => {
    const { chat, backend } = await chatting();
    backend.failNext('loadHistory', new ChatError('network', 'down'));
    await chat.downloadTranscript(async () => undefined);
    expect(chat.download.value).toMatchObject({ status: 'error', error: { kind: 'network' } });
  });

  it('starts a new conversation after the ended one', async () => {
    const { chat, backend } = await chatting();
    await chat.finish();
    chat.newChat();
    expect(chat.screen.value).toBe('chat');
    expect(chat.messages.value).toEqual([]);
    chat.send('Another question');
    await vi.waitFor(() => expect(chat.conversationId.value).toBe('R2'));
    expect(backend.visitors.size).toBe(1);
  });
});

describe('riding out failures', () => {
  it('loads again by itself after a passing outage, waiting as long as a rate limit asks', async () => {
    vi.useFakeTimers();
    const backend = new FakeBackend();
    backend.failNext('loadConfig', new ChatError('rate-limited', 'slow down', { status: 429, retryAfterMs: 5_000 }));
    const { chat } = start(backend);
    await chat.load();
    expect(chat.screen.value).toBe('error');
    await vi.advanceTimersByTimeAsync(4_000);
    expect(chat.screen.value).toBe('error');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(chat.screen.value).toBe('chat');
    expect(chat.notice.value).toBeUndefined();
  });

  it('does not retry by itself what the visitor must fix', async () => {
    vi.useFakeTimers();
    const backend = new FakeBackend();
    backend.failNext('loadConfig', new ChatError('cors', 'refused'));
    const { chat } = start(backend);
    await chat.load();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(backend.calls.filter((c) => c === 'loadConfig')).toHaveLength(1);
  });

  it('sends what was typed offline as soon as the browser is back online', async () => {
    const { chat, backend } = start(new FakeBackend(), [60_000]);
    await chat.load();
    backend.failNext('startChat', new ChatError('network', 'offline'));
    chat.send('typed on the train');
    await vi.waitFor(() => expect(chat.messages.value[0]?.status).toBe('failed'));
    window.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(texts(chat)).toEqual(['visitor:typed on the train:sent']));
  });
});

describe('reading back', () => {
  it('a page of earlier messages that cannot be fetched says so, rejects nothing, and comes on the next try', async () => {
    const backend = new FakeBackend();
    const { chat: first } = start(backend);
    await first.load();
    first.send('Hello');
    await vi.waitFor(() => expect(texts(first)).toEqual(['visitor:Hello:sent']));
    for (let i = 1; i <= 12; i++) backend.agentSays('R1', `reply ${i}`, false);
    first.dispose();
    // The page reloads: only the newest page of the conversation comes back.
    const chat = createChat({ backend, storage: createStorage('test', window.localStorage), pageSize: 5 });
    chats.push(chat);
    await chat.load();
    await vi.waitFor(() => expect(texts(chat)).toContain('agent:reply 12:sent'));
    expect(texts(chat)).not.toContain('visitor:Hello:sent');
    const shown = chat.messages.value.length;

    backend.failNext('loadHistory', new ChatError('network', 'offline'));
    await expect(chat.loadEarlier()).resolves.toBe(false);
    expect(chat.notice.value?.during).toBe('history');
    expect(chat.messages.value).toHaveLength(shown);

    await chat.loadEarlier();
    expect(chat.messages.value.length).toBeGreaterThan(shown);
  });
});
