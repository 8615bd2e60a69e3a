// @vitest-environment jsdom
/**
 * A second conformance client nobody here wrote: amazon-connect-chatjs 5.0.0 (contract §5), under jsdom,
 * against the stand-in. The customer session connects (CreateParticipantConnection + websocket subscribe),
 * sends a message and typing, reads the transcript, receives the agent's message over the websocket, and
 * sees the chat end when the agent leaves. `disableCSM` keeps its telemetry worker off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnect, type Running } from './harness.ts';

interface ChatSession {
  connect(): Promise<unknown>;
  sendMessage(a: { contentType: string; message: string }): Promise<{ data: { Id: string } }>;
  sendEvent(a: { contentType: string; content?: string }): Promise<unknown>;
  getTranscript(a: Record<string, unknown>): Promise<{ data: { Transcript: { Id: string; Content?: string; Type: string }[] } }>;
  onMessage(cb: (e: { data: { Type: string; Content?: string; ParticipantRole?: string } }) => void): void;
  onEnded(cb: (e: unknown) => void): void;
  onConnectionEstablished(cb: (e: unknown) => void): void;
  disconnectParticipant(): Promise<unknown>;
}
interface ChatJs {
  ChatSession: {
    setGlobalConfig(c: Record<string, unknown>): void;
    create(c: Record<string, unknown>): ChatSession;
    SessionTypes: { CUSTOMER: string };
  };
}

let r: Running;
let chat: ChatJs;

beforeAll(async () => {
  r = await startConnect();
  // jsdom gives no fetch; chatjs's vendored client uses the global one.
  (window as unknown as { fetch: typeof fetch }).fetch = globalThis.fetch;
  // The package is a UMD bundle that sets the global `connect` (its .d.ts declares globals, not a module).
  const chatjsPath: string = 'amazon-connect-chatjs';
  await import(/* @vite-ignore */ chatjsPath);
  chat = (globalThis as unknown as { connect: ChatJs }).connect;
  chat.ChatSession.setGlobalConfig({ region: 'us-east-1', endpoint: r.baseUrl, loggerConfig: { useDefaultLogger: false } });
});
afterAll(async () => r?.close());

async function until<T>(probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('chatjs customer session against the stand-in', () => {
  it('connects, sends, reads the transcript, receives the agent and sees the end', async () => {
    const reply = await fetch(`${r.baseUrl}/connect-backend/start-chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ParticipantDetails: { DisplayName: 'Chatjs Customer' } }),
    });
    const { startChatResult } = ((await reply.json()) as { data: { startChatResult: { ContactId: string; ParticipantId: string; ParticipantToken: string } } }).data;
    const session = chat.ChatSession.create({
      chatDetails: { contactId: startChatResult.ContactId, participantId: startChatResult.ParticipantId, participantToken: startChatResult.ParticipantToken },
      options: { region: 'us-east-1' },
      type: chat.ChatSession.SessionTypes.CUSTOMER,
      disableCSM: true,
    });
    const received: { Type: string; Content?: string; ParticipantRole?: string }[] = [];
    let ended = false;
    let established = false;
    session.onMessage((e) => received.push(e.data));
    // The websocket subscribes after connect() resolves; what is sent before that comes only by transcript.
    session.onConnectionEstablished(() => {
      established = true;
    });
    session.onEnded(() => {
      ended = true;
    });
    await session.connect();
    await until(() => (established ? true : undefined));
    const sent = await session.sendMessage({ contentType: 'text/plain', message: 'hello from chatjs' });
    expect(sent.data.Id).toMatch(/^[0-9a-f-]{36}$/);
    await session.sendEvent({ contentType: 'application/vnd.amazonaws.connect.event.typing' });
    await until(() => received.find((m) => m.Content === 'hello from chatjs'));
    const transcript = await session.getTranscript({ scanDirection: 'BACKWARD', sortOrder: 'ASCENDING', maxResults: 15 });
    expect(transcript.data.Transcript.map((i) => i.Content)).toContain('hello from chatjs');

    const agent = await r.agents.accept(startChatResult.ContactId);
    await agent.send('hello from the agent');
    await until(() => received.find((m) => m.Content === 'hello from the agent' && m.ParticipantRole === 'AGENT'));
    await agent.disconnect();
    agent.close();
    await until(() => (ended ? true : undefined));
  }, 30_000);
});
