/**
 * The chat controller's parts added for what Rocket.Chat's own widget offers: deletions that show at
 * once, the place in the queue, and (further down) files, departments, the survey and forgetting.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChat, type Chat, type ChatEvent } from '../../src/widget/state/chat.ts';
import { createStorage } from '../../src/widget/state/storage.ts';
import { FakeBackend } from './fake-backend.ts';

const chats: Chat[] = [];
function start(backend = new FakeBackend(), events: ChatEvent[] = []) {
  const chat = createChat({ backend, storage: createStorage(`extras-${chats.length}`, null), resendDelaysMs: [300], onEvent: (e) => events.push(e) });
  chats.push(chat);
  return { chat, backend, events };
}
afterEach(() => {
  for (const c of chats.splice(0)) c.dispose();
  vi.useRealTimers();
});

async function chatting(backend = new FakeBackend()) {
  const s = start(backend);
  await s.chat.load();
  s.chat.send('Hi');
  await vi.waitFor(() => expect(s.backend.watchers).toHaveLength(1));
  return s;
}

describe('deletions', () => {
  it('takes a message the agent deleted out of the conversation at once', async () => {
    const { chat, backend } = await chatting();
    const m = backend.agentSays('R1', 'Oops, wrong chat');
    backend.agentSays('R1', 'Hello!');
    expect(chat.messages.value.map((x) => x.text)).toEqual(['Hi', 'Oops, wrong chat', 'Hello!']);
    backend.emit({ type: 'deleted', id: m.id });
    expect(chat.messages.value.map((x) => x.text)).toEqual(['Hi', 'Hello!']);
    // A deletion of something never seen changes nothing.
    backend.emit({ type: 'deleted', id: 'unknown' });
    expect(chat.messages.value).toHaveLength(2);
  });
});

describe('the queue', () => {
  it('shows the place while nobody serves the chat, tells the page, and forgets it once an agent joins', async () => {
    const backend = new FakeBackend();
    const events: ChatEvent[] = [];
    const { chat } = start(backend, events);
    backend.agent = undefined as never;
    await chat.load();
    chat.send('Hi');
    await vi.waitFor(() => expect(backend.watchers).toHaveLength(1));
    backend.emit({ type: 'queue', place: { position: 3, waitSeconds: 240 } });
    expect(chat.queue.value).toEqual({ position: 3, waitSeconds: 240 });
    backend.emit({ type: 'queue', place: { position: 2 } });
    expect(chat.queue.value).toEqual({ position: 2 });
    expect(events.filter((e) => e.type === 'queue')).toHaveLength(2);
    backend.emit({ type: 'agent', agent: { username: 'ana', name: 'Ana' } });
    expect(chat.queue.value).toBeUndefined();
    // Computed before the agent took the chat, sent after: ignored.
    backend.emit({ type: 'queue', place: { position: 1 } });
    expect(chat.queue.value).toBeUndefined();
    // Back in the queue (a transfer where nobody is free): places count again.
    backend.emit({ type: 'agent', agent: undefined });
    backend.emit({ type: 'queue', place: { position: 1 } });
    expect(chat.queue.value).toEqual({ position: 1 });
  });

  it('restores the place of a waiting conversation from the config after a reload', async () => {
    const backend = new FakeBackend();
    const first = start(backend);
    backend.agent = undefined as never;
    await first.chat.load();
    first.chat.send('Hi');
    await vi.waitFor(() => expect(first.chat.conversationId.value).toBe('R1'));
    const loadConfig = backend.loadConfig.bind(backend);
    backend.loadConfig = async () => {
      const c = await loadConfig();
      return { ...c, openConversation: { id: 'R1', queue: { position: 4, waitSeconds: 30 }, department: 'd2' } };
    };
    const chat = createChat({ backend, storage: createStorage('extras-0', null) });
    chats.push(chat);
    // A reload: a new controller over the same backend (its credentials), adopting the open conversation.
    await chat.load();
    expect(chat.queue.value).toEqual({ position: 4, waitSeconds: 30 });
    expect(chat.department.value).toBe('d2');
  });
});
