// @vitest-environment node
/**
 * Closing a chat (contract §3.2, §7.4, §10.6): by the visitor with `livechat/room.close`, by the agent
 * with `livechat/room.closeByUser`, the `livechat-close` message each leaves, and what the transcript
 * settings add to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentClient } from '../../src/shared/rocketchat/agent-client.ts';
import type { WireMessage, WireRoom, WireVisitor } from '../../src/shared/rocketchat/wire.ts';
import { agent, client, eventually, history, ok, openRoom, registerVisitor, sendMessage, startStandin, type Client, type Running } from './harness.ts';

let running: Running;
let api: Client;
let ana: AgentClient;

beforeAll(async () => {
  running = await startStandin({
    settings: { API_Enable_Rate_Limiter: false, From_Email: 'support@acme.example' },
    agents: [{ username: 'ana', name: 'Ana Agent', password: 'ana-pass', admin: true }],
  });
  api = client(running.baseUrl);
  ana = await agent(running.baseUrl, 'ana', 'ana-pass');
});

afterAll(async () => {
  await running?.close();
});

async function chat(token: string, visitor: Record<string, unknown> = {}): Promise<{ v: WireVisitor; room: WireRoom }> {
  const v = await registerVisitor(api, { token, ...visitor });
  const { room } = await openRoom(api, token);
  await sendMessage(api, token, room._id, `hello from ${token}`);
  return { v, room };
}

async function setTranscriptSettings(enable: boolean, sendAlways: boolean): Promise<void> {
  await ana.setSetting('Livechat_enable_transcript', enable);
  await ana.setSetting('Livechat_transcript_send_always', sendAlways);
}

describe('the visitor closes the chat', () => {
  let v: WireVisitor;
  let room: WireRoom;

  beforeAll(async () => {
    await setTranscriptSettings(false, false);
    ({ v, room } = await chat('tok-vclose', { name: 'Vera' }));
  });

  it('answers with the rid and the "Closed by visitor" comment', async () => {
    const reply = await api.post('livechat/room.close', { token: 'tok-vclose', rid: room._id });
    expect({ status: reply.status, body: reply.body }).toEqual({
      status: 200,
      body: { rid: room._id, comment: 'Closed by visitor', success: true },
    });
  });

  it('posts livechat-close from the visitor with its token and transcriptRequested false', async () => {
    const [last] = await history(api, 'tok-vclose', room._id, { limit: '1' });
    expect(last).toMatchObject({
      t: 'livechat-close',
      msg: 'Closed by visitor',
      token: 'tok-vclose',
      groupable: false,
      transcriptRequested: false,
      u: { _id: v._id, username: v.username },
    });
  });

  it('marks the room closed by the visitor', async () => {
    const closed = (await ana.rooms(false)).find((r) => r._id === room._id);
    expect(closed).toMatchObject({ closer: 'visitor', closedBy: { _id: v._id, username: v.username } });
    expect(closed?.open).toBeUndefined();
    expect(Date.parse(closed!.closedAt!)).not.toBeNaN();
    expect((await ana.rooms(true)).some((r) => r._id === room._id)).toBe(false);
  });

  it('refuses new messages and a second close with room-closed', async () => {
    expect((await api.post('livechat/message', { token: 'tok-vclose', rid: room._id, msg: 'still there?' })).body).toEqual({
      success: false,
      error: 'room-closed',
    });
    expect((await api.post('livechat/room.close', { token: 'tok-vclose', rid: room._id })).body).toEqual({ success: false, error: 'room-closed' });
  });

  it('opens a fresh room on the next livechat/room without rid', async () => {
    const next = await openRoom(api, 'tok-vclose');
    expect(next.newRoom).toBe(true);
    expect(next.room._id).not.toBe(room._id);
    expect((await api.get('livechat/room', { token: 'tok-vclose', rid: room._id })).body).toEqual({ success: false, error: 'invalid-room' });
  });

  it('is refused when visitors may not close conversations', async () => {
    const { room: r } = await chat('tok-noclose');
    await ana.setSetting('Omnichannel_allow_visitors_to_close_conversation', false);
    try {
      expect((await api.post('livechat/room.close', { token: 'tok-noclose', rid: r._id })).body).toEqual({
        success: false,
        error: 'error-not-allowed-to-close-conversation',
      });
    } finally {
      await ana.setSetting('Omnichannel_allow_visitors_to_close_conversation', true);
    }
  });
});

describe('transcript settings at close time', () => {
  afterAll(async () => {
    await setTranscriptSettings(false, false);
  });

  it('follows livechat-close with a promptTranscript command when transcripts are offered', async () => {
    await setTranscriptSettings(true, false);
    const { v, room } = await chat('tok-prompt', { email: 'prompt@example.com' });
    ok(await api.post('livechat/room.close', { token: 'tok-prompt', rid: room._id }));
    const [prompt, close] = (await history(api, 'tok-prompt', room._id, { limit: '2' })) as [WireMessage, WireMessage];
    expect(close).toMatchObject({ t: 'livechat-close', transcriptRequested: false });
    expect(prompt).toMatchObject({ t: 'command', msg: 'promptTranscript', u: { _id: v._id, username: v.username } });
  });

  it('posts no promptTranscript when transcripts are off', async () => {
    await setTranscriptSettings(false, false);
    const { room } = await chat('tok-noprompt');
    ok(await api.post('livechat/room.close', { token: 'tok-noprompt', rid: room._id }));
    const messages = await history(api, 'tok-noprompt', room._id);
    expect(messages[0]?.t).toBe('livechat-close');
    expect(messages.some((m) => m.msg === 'promptTranscript')).toBe(false);
  });

  it('with "send always", marks transcriptRequested and emails the transcript to the visitor on close', async () => {
    await setTranscriptSettings(false, true);
    const { room } = await chat('tok-always', { name: 'Al', email: 'Al@Example.com' });
    const before = running.standin.mailer.sent.length;
    expect(await ana.request('POST', 'livechat/room.closeByUser', { rid: room._id, comment: 'All done' })).toEqual({ success: true });
    const messages = await history(api, 'tok-always', room._id, { limit: '2' });
    expect(messages.map((m) => m.t)).toEqual(['livechat_transcript_history', 'livechat-close']);
    expect(messages[1]).toMatchObject({ msg: 'All done', transcriptRequested: true });
    expect(messages[0]?.requestData).toMatchObject({ type: 'user', user: { _id: ana.userId, username: 'ana' } });
    const mail = await eventually(() => running.standin.mailer.sent.slice(before).find((m) => m.to === 'al@example.com'));
    expect(mail.subject).toBe('Transcript of your livechat conversation');
    expect(mail.html).toContain('hello from tok-always');
  });

  it('with "send always", sends nothing to a visitor without an email', async () => {
    await setTranscriptSettings(false, true);
    const { room } = await chat('tok-always-noemail');
    const before = running.standin.mailer.sent.length;
    ok(await api.post('livechat/room.close', { token: 'tok-always-noemail', rid: room._id }));
    const [close] = await history(api, 'tok-always-noemail', room._id, { limit: '1' });
    expect(close).toMatchObject({ t: 'livechat-close', transcriptRequested: true });
    expect(running.standin.mailer.sent.length).toBe(before);
  });
});

describe('the agent closes the chat', () => {
  let room: WireRoom;

  beforeAll(async () => {
    await setTranscriptSettings(false, false);
    ({ room } = await chat('tok-aclose', { name: 'Anna' }));
  });

  it('answers success and posts livechat-close from the agent, without a token', async () => {
    const reply = await ana.request('POST', 'livechat/room.closeByUser', { rid: room._id, comment: 'Solved, thanks!' });
    expect(reply).toEqual({ success: true });
    const [close] = await history(api, 'tok-aclose', room._id, { limit: '1' });
    expect(close).toMatchObject({
      t: 'livechat-close',
      msg: 'Solved, thanks!',
      u: { _id: ana.userId, username: 'ana', name: 'Ana Agent' },
      groupable: false,
      transcriptRequested: false,
    });
    expect(close?.token).toBeUndefined();
  });

  it('marks the room closed by the user and shuts the visitor out', async () => {
    const closed = (await ana.rooms(false)).find((r) => r._id === room._id);
    expect(closed).toMatchObject({ closer: 'user', closedBy: { _id: ana.userId, username: 'ana' } });
    expect((await api.post('livechat/message', { token: 'tok-aclose', rid: room._id, msg: 'hello?' })).body).toEqual({
      success: false,
      error: 'room-closed',
    });
    expect((await api.post('livechat/room.close', { token: 'tok-aclose', rid: room._id })).body).toEqual({ success: false, error: 'room-closed' });
  });

  it('closes without a comment once the comment is no longer required', async () => {
    const { room: r } = await chat('tok-nocomment');
    await ana.setSetting('Livechat_request_comment_when_closing_conversation', false);
    try {
      expect(await ana.request('POST', 'livechat/room.closeByUser', { rid: r._id })).toEqual({ success: true });
      const [close] = await history(api, 'tok-nocomment', r._id, { limit: '1' });
      expect(close).toMatchObject({ t: 'livechat-close', msg: '' });
    } finally {
      await ana.setSetting('Livechat_request_comment_when_closing_conversation', true);
    }
  });
});
