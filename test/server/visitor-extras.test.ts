// @vitest-environment node
/**
 * Visitor routes of the official client beyond the widget's main path (contract §11): editing and
 * deleting an own message (§4.3–4.4), the satisfaction survey (§3.4) and the next-agent lookup (§5.2).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentClient } from '../../src/shared/rocketchat/agent-client.ts';
import type { WireMessage } from '../../src/shared/rocketchat/wire.ts';
import {
  RawDdp,
  agent,
  client,
  eventArgs,
  history,
  isEvent,
  ok,
  openRoom,
  registerVisitor,
  sendMessage,
  startStandin,
  type Client,
  type Running,
} from './harness.ts';

let running: Running;
let api: Client;
let ana: AgentClient;

beforeAll(async () => {
  running = await startStandin({
    settings: { API_Enable_Rate_Limiter: false },
    departments: [
      { _id: 'dep-sales', name: 'Sales' },
      { _id: 'dep-empty', name: 'Empty' },
    ],
    agents: [{ username: 'ana', name: 'Ana Agent', password: 'ana-pass', admin: true, departments: ['Sales'] }],
  });
  api = client(running.baseUrl);
  ana = await agent(running.baseUrl, 'ana', 'ana-pass');
});

afterAll(async () => {
  await running?.close();
});

describe('editing and deleting an own message', () => {
  let rid: string;
  let mine: WireMessage;
  let ddp: RawDdp;

  beforeAll(async () => {
    await registerVisitor(api, { token: 'tok-edit', name: 'Eddie' });
    rid = (await openRoom(api, 'tok-edit')).room._id;
    mine = await sendMessage(api, 'tok-edit', rid, 'helo');
    ddp = await RawDdp.open(running.wsUrl);
    await ddp.sub('stream-room-messages', [rid, { useCollection: false, args: [{ token: 'tok-edit', visitorToken: 'tok-edit' }] }]);
    await ddp.sub('stream-notify-room', [`${rid}/deleteMessage`, { useCollection: false, args: [{ token: 'tok-edit', visitorToken: 'tok-edit' }] }]);
  });

  afterAll(() => ddp?.close());

  it('edits the text, keeps the _id, stamps editedAt/editedBy and broadcasts the edit', async () => {
    const reply = ok(await api.request<{ message: WireMessage }>({ method: 'PUT', route: `livechat/message/${mine._id}`, body: { token: 'tok-edit', rid, msg: 'hello' } }));
    expect(reply.message).toMatchObject({ _id: mine._id, msg: 'hello', editedBy: { username: mine.u.username } });
    expect(Date.parse(reply.message.editedAt!)).toBeGreaterThan(Date.parse(mine.ts));
    const [streamed] = eventArgs(await ddp.next(isEvent('stream-room-messages', rid))) as [Record<string, unknown>];
    expect(streamed).toMatchObject({ _id: mine._id, msg: 'hello', editedAt: { $date: Date.parse(reply.message.editedAt!) } });
    const [latest] = await history(api, 'tok-edit', rid, { limit: '1' });
    expect(latest).toMatchObject({ _id: mine._id, msg: 'hello' });
  });

  it("refuses to edit someone else's message", async () => {
    const theirs = await ana.send(rid, 'agent text');
    const reply = await api.request({ method: 'PUT', route: `livechat/message/${theirs._id}`, body: { token: 'tok-edit', rid, msg: 'hacked' } });
    expect(reply.body).toEqual({
      success: false,
      error: 'Message editing not allowed [error-action-not-allowed]',
      errorType: 'error-action-not-allowed',
      details: { method: 'livechatUpdateMessage' },
    });
  });

  it('refuses to edit when Message_AllowEditing is off', async () => {
    await ana.setSetting('Message_AllowEditing', false);
    try {
      const reply = await api.request({ method: 'PUT', route: `livechat/message/${mine._id}`, body: { token: 'tok-edit', rid, msg: 'again' } });
      expect((reply.body as { errorType: string }).errorType).toBe('error-action-not-allowed');
    } finally {
      await ana.setSetting('Message_AllowEditing', true);
    }
  });

  it('deletes an own message with the parameters in the JSON body, and tells the room', async () => {
    const doomed = await sendMessage(api, 'tok-edit', rid, 'oops');
    const reply = await api.request<{ message: { _id: string; ts: string } }>({ method: 'DELETE', route: `livechat/message/${doomed._id}`, body: { token: 'tok-edit', rid } });
    expect(ok(reply).message._id).toBe(doomed._id);
    expect(Date.parse(reply.body.message.ts)).not.toBeNaN();
    expect(eventArgs(await ddp.next(isEvent('stream-notify-room', `${rid}/deleteMessage`)))).toEqual([{ _id: doomed._id }]);
    expect((await history(api, 'tok-edit', rid)).some((m) => m._id === doomed._id)).toBe(false);
    expect((await api.get(`livechat/message/${doomed._id}`, { token: 'tok-edit', rid })).body).toEqual({ success: false, error: 'invalid-message' });
  });

  it('fails a delete without a body, as the official client sends it', async () => {
    const reply = await api.request({ method: 'DELETE', route: `livechat/message/${mine._id}` });
    expect(reply.body).toEqual({ success: false, error: "must have required property 'token' [invalid-params]", errorType: 'invalid-params' });
  });
});

describe('the satisfaction survey', () => {
  let rid: string;

  beforeAll(async () => {
    await registerVisitor(api, { token: 'tok-survey' });
    rid = (await openRoom(api, 'tok-survey')).room._id;
    ok(await api.post('livechat/room.close', { token: 'tok-survey', rid }));
  });

  it('keeps known items with allowed values and free feedback, dropping the rest', async () => {
    const reply = await api.post('livechat/room.survey', {
      token: 'tok-survey',
      rid,
      data: [
        { name: 'satisfaction', value: '5' },
        { name: 'agentKnowledge', value: '9' },
        { name: 'mood', value: '3' },
        { name: 'additionalFeedback', value: 'Quick and kind' },
      ],
    });
    expect(ok(reply)).toEqual({ rid, data: { satisfaction: '5', additionalFeedback: 'Quick and kind' }, success: true });
  });

  it('answers invalid-data when nothing is left', async () => {
    const reply = await api.post('livechat/room.survey', { token: 'tok-survey', rid, data: [{ name: 'mood', value: 'great' }] });
    expect(reply.body).toEqual({ success: false, error: 'invalid-data' });
  });
});

describe('the next agent', () => {
  it('names the agent routing would pick for a visitor without an open room', async () => {
    const reply = ok(await api.get<{ agent: Record<string, unknown> }>('livechat/agent.next/tok-nobody-yet'));
    expect(reply.agent).toMatchObject({ _id: ana.userId, username: 'ana', name: 'Ana Agent' });
    expect(ok(await api.get('livechat/agent.next/tok-nobody-yet', { department: 'dep-sales' }))).toMatchObject({ agent: { username: 'ana' } });
  });

  it('answers a bare success when the visitor already has an open room', async () => {
    await registerVisitor(api, { token: 'tok-next-open' });
    await openRoom(api, 'tok-next-open');
    expect(ok(await api.get('livechat/agent.next/tok-next-open'))).toEqual({ success: true });
  });

  it('answers agent-not-found for a department without available agents', async () => {
    expect((await api.get('livechat/agent.next/tok-nobody-yet', { department: 'dep-empty' })).body).toEqual({ success: false, error: 'agent-not-found' });
  });
});
