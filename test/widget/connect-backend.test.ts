// @vitest-environment node
/**
 * The Amazon Connect adapter against the real Connect stand-in in-process (the reference start-chat
 * backend in front of it), with the agent played through the stand-in's agent client: what the widget's
 * state layer would see, and what the agent's side receives.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AgentSession } from '../../src/shared/amazon-connect/agent-client.ts';
import type { ChatBackend, ChatMessage, LiveEvent, LiveWatch } from '../../src/widget/backend/chat-backend.ts';
import { createConnectBackend, type ConnectBackendOptions } from '../../src/widget/backend/amazon-connect/backend.ts';
import { startEarly } from '../../src/widget/backend/amazon-connect/early.ts';
import { createStorage } from '../../src/widget/state/storage.ts';
import type { KeyValueStore } from '../../src/widget/state/storage.ts';
import { startConnect, WsCtor, type Running } from '../server/connect/harness.ts';

let r: Running;
beforeAll(async () => {
  // Node's fetch (no browser CORS here: the agent's stand-in controls are same-origin tools) and the
  // two page objects the websocket manager listens to.
  const g = globalThis as unknown as Record<string, unknown>;
  g.window ??= new EventTarget();
  g.document ??= Object.assign(new EventTarget(), { visibilityState: 'visible' });
  r = await startConnect();
});
afterAll(async () => r?.close());

const open: { watch?: LiveWatch; agent?: AgentSession }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) {
    o.watch?.close();
    o.agent?.close();
  }
});

let n = 0;
function adapter(storage: KeyValueStore = createStorage(`connect-${n++}`, null), extra: Partial<ConnectBackendOptions> = {}): ChatBackend {
  return createConnectBackend({
    startChatUrl: `${r.baseUrl}/connect-backend/start-chat`,
    endpoint: r.baseUrl,
    storage,
    socket: { WebSocket: WsCtor as unknown as typeof WebSocket },
    receipts: { throttleMs: 20, deliveredDelayMs: 10 },
    ...extra,
  });
}

/** A started chat, watched, with the agent accepted and joined. */
async function chatting(backend = adapter()) {
  const { id } = await backend.startChat({ details: { name: 'Jane' } });
  const events: LiveEvent[] = [];
  const watch = backend.watch({ conversation: id }, (e) => events.push(e));
  const agent = await r.agents.accept(id, 'Ana');
  open.push({ watch, agent });
  await vi.waitFor(() => expect(events).toContainEqual({ type: 'connection', state: 'online' }), { timeout: 10_000 });
  return { backend, id, events, watch, agent };
}

const messages = (events: LiveEvent[]) => events.flatMap((e) => (e.type === 'message' ? [e.message] : []));

describe('the Amazon Connect adapter', () => {
  it("takes the transcript the panel's entry asked for while the adapter downloaded, and asks anew when it failed", async () => {
    const storage = createStorage(`connect-${n++}`, null);
    const { backend, id } = await chatting(adapter(storage));
    await backend.sendMessage({ conversation: id, id: 'client-e', text: 'Before the reload' });
    // A reload: the entry starts the read from what the adapter stored, before the adapter exists.
    const early = new Map<string, Promise<Response | undefined>>();
    startEarly({ endpoint: r.baseUrl }, storage, early);
    expect(early.size).toBe(1);
    const asked: string[] = [];
    const counting: typeof fetch = (input, init) => {
      asked.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    };
    const reloaded = adapter(storage, { http: { early, fetch: counting } });
    const page = await reloaded.loadHistory({ conversation: id, limit: 50 });
    expect(page.messages.map((m) => m.text)).toContain('Before the reload');
    expect(asked.filter((u) => u.endsWith('/participant/transcript'))).toEqual([]);
    // An early read that failed (here: refused, a stale token) is asked again with the adapter's own handling.
    const failed = new Map([[[...early.keys()][0] ?? '', Promise.resolve(new Response('{"message":"denied"}', { status: 403 }))]]);
    const again = adapter(storage, { http: { early: failed, fetch: counting } });
    expect((await again.loadHistory({ conversation: id, limit: 50 })).messages.map((m) => m.text)).toContain('Before the reload');
    expect(asked.filter((u) => u.endsWith('/participant/transcript'))).toHaveLength(1);
  });

  it('offers what Connect has: receipts, markdown as the contact allows, the backend transcript route; no offline form', async () => {
    const c = await adapter().loadConfig({});
    expect(c.features).toMatchObject({ readReceipts: true, markdown: true, emailTranscript: true, offlineForm: false, visitorToken: false, departments: false });
    expect(c.limitTextLength).toBe(1024);
    expect(c.openConversation).toBeUndefined();
  });

  it('starts at the start-chat endpoint, sends with a ClientToken, and never shows our own message twice', async () => {
    const { backend, id, events, agent } = await chatting();
    const sent = await backend.sendMessage({ conversation: id, id: 'client-1', text: 'Hello **there**' });
    expect(sent).toMatchObject({ clientId: 'client-1', text: 'Hello **there**', from: 'visitor' });
    const seen = await agent.nextCustomerMessage('Hello **there**');
    expect(seen.ContentType).toBe('text/markdown');
    // A retry with the same id is the same message, stored once.
    const again = await backend.sendMessage({ conversation: id, id: 'client-1', text: 'Hello **there**' });
    expect(again.id).toBe(sent.id);
    const history = await backend.loadHistory({ conversation: id, limit: 50 });
    expect(history.messages.filter((m) => m.from === 'visitor').map((m) => [m.id, m.clientId])).toEqual([[sent.id, 'client-1']]);
    // Its echo over the websocket, if any, says whose it is.
    await vi.waitFor(() => expect(events.some((e) => e.type === 'resync')).toBe(true));
    for (const m of messages(events).filter((x) => x.from === 'visitor')) expect(m.clientId).toBe('client-1');
  });

  it('brings the agent, their messages and their typing; tells them ours, once per 10 s', async () => {
    const { backend, id, events, agent, watch } = await chatting();
    // Live, or (when it joined before we subscribed) from the transcript the state layer reads on resync.
    const page = await backend.loadHistory({ conversation: id, limit: 15 });
    expect(page.messages).toContainEqual(expect.objectContaining({ from: 'system', system: 'agent-joined', author: expect.objectContaining({ name: 'Ana' }) }));
    await vi.waitFor(() => expect(events).toContainEqual({ type: 'agent', agent: expect.objectContaining({ name: 'Ana' }) }));
    await agent.typing();
    await vi.waitFor(() => expect(events).toContainEqual({ type: 'typing', name: 'Ana', typing: true }));
    await agent.send('How can I help?');
    await vi.waitFor(() => expect(messages(events).map((m) => [m.from, m.text])).toContainEqual(['agent', 'How can I help?']));
    expect(messages(events).find((m) => m.text === 'How can I help?')).toMatchObject({ format: 'plain', author: { name: 'Ana' } });
    watch.setTyping(true);
    watch.setTyping(true);
    await agent.waitFor((i) => i.ContentType?.endsWith('.typing') === true && i.ParticipantRole === 'CUSTOMER');
    expect(agent.received.filter((i) => i.ContentType?.endsWith('.typing') && i.ParticipantRole === 'CUSTOMER')).toHaveLength(1);
  });

  it('sends read receipts for what the visitor saw, and shows the agent reading ours', async () => {
    const { backend, id, events, agent, watch } = await chatting();
    const mine = await backend.sendMessage({ conversation: id, id: 'client-r', text: 'Did you get this?' });
    await agent.read(mine.id);
    await vi.waitFor(() => expect(events).toContainEqual({ type: 'receipt', id: mine.id, receipt: 'read' }));
    const theirs = await agent.send('Yes');
    await vi.waitFor(() => expect(messages(events).some((m) => m.id === theirs.Id)).toBe(true));
    watch.markRead([theirs.Id!]);
    await agent.waitFor((i) => i.Type === 'MESSAGEMETADATA' && i.MessageMetadata?.MessageId === theirs.Id && !!i.MessageMetadata?.Receipts?.some((x) => x.ReadTimestamp));
    // History carries the receipt on our message too.
    const page = await backend.loadHistory({ conversation: id, limit: 50 });
    expect(page.messages.find((m) => m.id === mine.id)?.receipt).toBe('read');
  });

  it('keeps the chat across a reload: the same contact, its history, and sending goes on', async () => {
    const storage = createStorage(`reload-${n++}`, null);
    const { backend, id } = await chatting(adapter(storage));
    await backend.sendMessage({ conversation: id, id: 'before', text: 'before the reload' });
    const reloaded = adapter(storage);
    expect((await reloaded.loadConfig({})).openConversation?.id).toBe(id);
    await reloaded.sendMessage({ conversation: id, id: 'after', text: 'after the reload' });
    const page = await reloaded.loadHistory({ conversation: id, limit: 50 });
    expect(page.messages.filter((m) => m.from === 'visitor').map((m) => m.text)).toEqual(['before the reload', 'after the reload']);
  });

  it('pages the transcript backwards with NextToken', async () => {
    const { backend, id } = await chatting();
    for (let i = 0; i < 7; i++) await backend.sendMessage({ conversation: id, id: `p${i}`, text: `m${i}` });
    const texts: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await backend.loadHistory({ conversation: id, limit: 3, ...(cursor ? { cursor } : {}) });
      texts.unshift(...page.messages.filter((m) => m.from === 'visitor').map((m) => m.text));
      cursor = page.earlier;
      pages++;
    } while (cursor && pages < 20);
    expect(texts).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    expect(pages).toBeGreaterThan(2);
  });

  it('shows the end when the agent ends the chat, and still gives the whole transcript after it', async () => {
    const { backend, id, events, agent } = await chatting();
    await backend.sendMessage({ conversation: id, id: 'e1', text: 'one question' });
    await agent.send('one answer');
    await vi.waitFor(() => expect(messages(events).some((m) => m.text === 'one answer')).toBe(true));
    await r.agents.stop(id);
    await vi.waitFor(() => expect(messages(events)).toContainEqual(expect.objectContaining({ system: 'chat-closed', closedBy: 'agent' })));
    await vi.waitFor(() => expect(events).toContainEqual({ type: 'ended', by: 'agent' }));
    await expect(backend.sendMessage({ conversation: id, id: 'late', text: 'late' })).rejects.toMatchObject({ kind: 'room-closed' });
    const page = await backend.loadHistory({ conversation: id, limit: 100 });
    expect(page.messages.filter((m: ChatMessage) => m.from !== 'system').map((m) => m.text)).toEqual(['one question', 'one answer']);
    expect((await backend.loadConfig({})).openConversation).toBeUndefined();
  });

  it('ends the chat for the visitor with DisconnectParticipant; their end, not the agent’s', async () => {
    const { backend, id, events, agent } = await chatting();
    await backend.sendMessage({ conversation: id, id: 'v1', text: 'thanks, bye' });
    await backend.closeChat({ conversation: id });
    await agent.waitFor((i) => i.ContentType?.endsWith('participant.left') === true && i.ParticipantRole === 'CUSTOMER');
    expect(events).toContainEqual({ type: 'ended', by: 'visitor' });
    const page = await backend.loadHistory({ conversation: id, limit: 100 });
    expect(page.messages.some((m) => m.text === 'thanks, bye')).toBe(true);
  });

  it('takes a 403 when reconnecting as the chat having ended while away', async () => {
    const storage = createStorage(`away-${n++}`, null);
    const { id, watch } = await chatting(adapter(storage));
    watch.close();
    await r.agents.stop(id);
    const back = adapter(storage);
    const events: LiveEvent[] = [];
    open.push({ watch: back.watch({ conversation: id }, (e) => events.push(e)) });
    await vi.waitFor(() => expect(events).toContainEqual({ type: 'ended', by: 'agent' }), { timeout: 10_000 });
    expect(events.filter((e) => e.type === 'connection' && e.state === 'online')).toHaveLength(0);
  });

  it('comes back after the websocket is dropped and asks for the gap to be filled', async () => {
    const { events } = await chatting();
    const resyncs = events.filter((e) => e.type === 'resync').length;
    // In-process: the HTTP control for this is `POST /_standin/connect/transport/drop`.
    r.standin.connect!.transport.dropAll();
    await vi.waitFor(() => expect(events).toContainEqual(expect.objectContaining({ type: 'connection', state: 'reconnecting' })));
    await vi.waitFor(() => expect(events.filter((e) => e.type === 'resync').length).toBeGreaterThan(resyncs), { timeout: 15_000 });
    expect(events[events.length - 2]).toEqual({ type: 'connection', state: 'online' });
  });

  it('sends plain text when the contact does not take markdown', async () => {
    const { backend, id, agent } = await chatting(adapter(undefined, { contentTypes: ['text/plain'] }));
    expect((await backend.loadConfig({})).features.markdown).toBe(false);
    await backend.sendMessage({ conversation: id, id: 'plain', text: '*not bold*' });
    expect((await agent.nextCustomerMessage('*not bold*')).ContentType).toBe('text/plain');
  });

  it("says what the start-chat backend refused, in the widget's kinds", async () => {
    const bad = adapter(undefined, { startChatUrl: `${r.baseUrl}/connect-backend/nope` });
    await expect(bad.startChat({ details: {} })).rejects.toMatchObject({ kind: 'not-found', details: { status: 404 } });
    const tooLong = adapter();
    await expect(tooLong.startChat({ details: { name: 'x'.repeat(200) } })).rejects.toMatchObject({ kind: 'invalid-params', details: { status: 400 } });
  });
});
