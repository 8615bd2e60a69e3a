// @vitest-environment node
/**
 * What Rocket.Chat gives visitors that the stand-in lacked (issue 11): triggers an admin stores and the
 * config hands out, `livechat:setUpConnection`, an agent's deletion reaching the widget, the avatar and
 * the sound the config points at, links parsed in messages, room-scoped custom fields, "forget my data"
 * and the survey.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentClient } from '../../src/shared/rocketchat/agent-client.ts';
import type { LivechatTrigger, WireMessage, WireRoom } from '../../src/shared/rocketchat/wire.ts';
import {
  RawDdp,
  agent,
  authHeaders,
  client,
  eventArgs,
  history,
  isEvent,
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
let bob: AgentClient;

beforeAll(async () => {
  running = await startStandin({
    settings: { API_Enable_Rate_Limiter: false },
    agents: [
      { username: 'ana', name: 'Ana Agent', password: 'ana-pass', admin: true },
      { username: 'bob', name: 'Bob Backup', password: 'bob-pass', available: false },
    ],
    customFields: [
      { _id: 'orderId', label: 'Order', type: 'input', scope: 'room', visibility: 'visible' },
      { _id: 'company', label: 'Company', type: 'input', scope: 'visitor', visibility: 'visible' },
    ],
  });
  api = client(running.baseUrl);
  ana = await agent(running.baseUrl, 'ana', 'ana-pass');
  bob = await agent(running.baseUrl, 'bob', 'bob-pass');
});

afterAll(async () => running?.close());

describe('triggers', () => {
  const trigger = {
    name: 'Welcome on pricing',
    description: 'Say hello after 5 s on the pricing page',
    enabled: true,
    runOnce: true,
    conditions: [{ name: 'page-url', value: '/pricing' }],
    actions: [{ name: 'send-message', params: { sender: 'custom', msg: 'Need help choosing a plan?', name: 'Sam' } }],
  };

  it('an admin stores one; the config gives visitors the enabled ones as { _id, actions, conditions, runOnce }', async () => {
    const saved = await api.post('livechat/triggers', trigger, authHeaders(ana));
    expect({ status: saved.status, body: saved.body }).toEqual({ status: 200, body: { success: true } });
    await api.post('livechat/triggers', { ...trigger, name: 'Off', enabled: false }, authHeaders(ana));

    const list = await api.get<{ triggers: (LivechatTrigger & { name: string })[]; count: number; offset: number; total: number }>(
      'livechat/triggers',
      undefined,
      authHeaders(ana),
    );
    expect(list.body).toMatchObject({ count: 2, offset: 0, total: 2 });
    const stored = list.body.triggers.find((t) => t.name === trigger.name)!;
    expect(stored).toEqual({ _id: expect.any(String), ...trigger, _updatedAt: expect.any(String) });

    const config = (await api.get<{ config: { triggers: LivechatTrigger[] } }>('livechat/config')).body.config;
    expect(config.triggers).toEqual([{ _id: stored._id, actions: trigger.actions, conditions: trigger.conditions, runOnce: true }]);

    const one = await api.get<{ trigger: unknown }>(`livechat/triggers/${stored._id}`, undefined, authHeaders(ana));
    expect(one.body.trigger).toEqual(stored);
  });

  it('updates by _id, deletes, and answers null for a trigger that is gone', async () => {
    const list = await api.get<{ triggers: { _id: string; name: string }[] }>('livechat/triggers', undefined, authHeaders(ana));
    const id = list.body.triggers.find((t) => t.name === trigger.name)!._id;
    await api.post('livechat/triggers', { ...trigger, _id: id, conditions: [{ name: 'time-on-site', value: '5' }] }, authHeaders(ana));
    const config = (await api.get<{ config: { triggers: LivechatTrigger[] } }>('livechat/config')).body.config;
    expect(config.triggers[0]!.conditions).toEqual([{ name: 'time-on-site', value: '5' }]);
    expect((await api.request({ method: 'DELETE', route: `livechat/triggers/${id}`, headers: authHeaders(ana) })).status).toBe(200);
    expect((await api.get(`livechat/triggers/${id}`, undefined, authHeaders(ana))).body).toEqual({ trigger: null, success: true });
  });
});

describe('livechat:setUpConnection', () => {
  it("answers an empty result, and marks the visitor's open room offline when the socket closes", async () => {
    await registerVisitor(api, { token: 'tok-conn', name: 'Connie' });
    const { room } = await openRoom(api, 'tok-conn');
    const ddp = await RawDdp.open(running.wsUrl);
    const result = await ddp.call('livechat:setUpConnection', [{ token: 'tok-conn' }]);
    expect(result).toEqual({ msg: 'result', id: result.id });
    ddp.close();
    await ddp.waitClosed();
    const status = async () => ((await ana.rooms(true)).find((r) => r._id === room._id) as WireRoom).v.status;
    await expect.poll(status).toBe('offline');
  });

  it('answers a bad argument with Match failed', async () => {
    const ddp = await RawDdp.open(running.wsUrl);
    const result = await ddp.call('livechat:setUpConnection', [{ token: 5 }]);
    expect(result.error).toEqual({ isClientSafe: true, error: 400, reason: 'Match failed', message: 'Match failed [400]', errorType: 'Meteor.Error' });
    ddp.close();
  });
});

describe('an agent deletes a message (chat.delete)', () => {
  it("reaches the visitor's <rid>/deleteMessage subscription and leaves the history", async () => {
    await registerVisitor(api, { token: 'tok-del', name: 'Dee' });
    const { room } = await openRoom(api, 'tok-del');
    const mistake = await ana.send(room._id, 'wrong link, sorry');
    const ddp = await RawDdp.open(running.wsUrl);
    await ddp.sub('stream-notify-room', [`${room._id}/deleteMessage`, { useCollection: false, args: [{ token: 'tok-del', visitorToken: 'tok-del' }] }]);
    const reply = await api.post<{ _id: string; ts: string; message: unknown }>('chat.delete', { roomId: room._id, msgId: mistake._id }, authHeaders(ana));
    expect(reply.body).toEqual({
      _id: mistake._id,
      ts: expect.stringMatching(/^\d+$/),
      message: { _id: mistake._id, rid: room._id, u: mistake.u },
      success: true,
    });
    const event = await ddp.next(isEvent('stream-notify-room', `${room._id}/deleteMessage`));
    expect(eventArgs(event)).toEqual([{ _id: mistake._id }]);
    ddp.close();
    expect((await history(api, 'tok-del', room._id)).some((m) => m._id === mistake._id)).toBe(false);
  });

  it("refuses another user's message to an agent who is not an admin", async () => {
    await registerVisitor(api, { token: 'tok-del2' });
    const { room } = await openRoom(api, 'tok-del2');
    const visitorMsg = await sendMessage(api, 'tok-del2', room._id, 'hello');
    const reply = await api.post('chat.delete', { roomId: room._id, msgId: visitorMsg._id }, authHeaders(bob));
    expect(reply.body).toEqual({
      success: false,
      error: 'Not allowed [error-action-not-allowed]',
      errorType: 'error-action-not-allowed',
      details: { method: 'deleteMessage', action: 'Delete_message' },
    });
  });
});

describe('what the config points at', () => {
  it('serves /avatar/<username> as SVG letters with the caching headers Rocket.Chat sends', async () => {
    const res = await fetch(`${running.baseUrl}/avatar/ana`);
    expect(res.status).toBe(200);
    expect(Object.fromEntries(['content-type', 'cache-control', 'content-disposition', 'last-modified'].map((h) => [h, res.headers.get(h)]))).toEqual({
      'content-type': 'image/svg+xml',
      'cache-control': 'public, max-age=0',
      'content-disposition': 'inline',
      'last-modified': 'Thu, 01 Jan 2015 00:00:00 GMT',
    });
    const svg = await res.text();
    // 'ana'.length % 6 = 3 → the fourth colour.
    expect(svg).toContain('fill="#E26D0E"');
    expect(svg).toMatch(/>\nA\n<\/text>/);
    const again = await fetch(`${running.baseUrl}/avatar/ana`, { headers: { 'If-Modified-Since': 'Thu, 01 Jan 2015 00:00:00 GMT' } });
    expect(again.status).toBe(304);
  });

  it('never puts markup from a name into the SVG', async () => {
    const svg = await (await fetch(`${running.baseUrl}/avatar/${encodeURIComponent('<script>x</script>')}`)).text();
    expect(svg).not.toContain('<script');
    expect(svg).toMatch(/>\nS\n<\/text>/);
  });

  it('serves resources.sound as a real MP3', async () => {
    const config = (await api.get<{ config: { resources: { sound: string } } }>('livechat/config')).body.config;
    const path = new URL(config.resources.sound).pathname;
    expect(path).toBe('/sounds/chime.mp3');
    const res = await fetch(`${running.baseUrl}${path}`);
    expect(res.headers.get('content-type')).toBe('audio/mpeg');
    const bytes = Buffer.from(await res.arrayBuffer());
    // An MPEG audio frame header: eleven set sync bits, layer III.
    expect(bytes[0]).toBe(0xff);
    expect(bytes[1]! & 0xe0).toBe(0xe0);
    expect((bytes[1]! >> 1) & 0x3).toBe(0x1);
    expect(bytes.length).toBeGreaterThan(1000);
  });
});

describe('message and room shapes', () => {
  it('parses links as Rocket.Chat does: each once, none inside code, a trailing comma kept as its regex keeps it', async () => {
    await registerVisitor(api, { token: 'tok-url' });
    const { room } = await openRoom(api, 'tok-url');
    const m: WireMessage = await sendMessage(api, 'tok-url', room._id, 'see https://a.example/x and https://a.example/x or http://b.example/y, not `https://code.example`');
    expect(m.urls).toEqual([
      { url: 'https://a.example/x', meta: {} },
      { url: 'http://b.example/y,', meta: {} },
    ]);
  });

  it('keeps room-scoped custom fields in the open room, visitor-scoped ones on the visitor', async () => {
    await registerVisitor(api, { token: 'tok-cf' });
    const { room } = await openRoom(api, 'tok-cf');
    await api.post('livechat/custom.fields', {
      token: 'tok-cf',
      customFields: [
        { key: 'orderId', value: 'A-17', overwrite: true },
        { key: 'company', value: 'Acme', overwrite: true },
      ],
    });
    const again = (await api.get<{ room: WireRoom }>('livechat/room', { token: 'tok-cf', rid: room._id })).body.room;
    expect(again.livechatData).toEqual({ orderId: 'A-17' });
    const visitor = (await api.get<{ visitor: { livechatData: unknown } }>('livechat/visitor/tok-cf')).body.visitor;
    expect(visitor.livechatData).toEqual({ company: 'Acme' });
  });
});

describe('DELETE livechat/visitor/:token with the GDPR setting on', () => {
  it('removes a visitor whose chat is open, with the chat', async () => {
    await registerVisitor(api, { token: 'tok-gdpr' });
    const { room } = await openRoom(api, 'tok-gdpr');
    await ana.setSetting('Livechat_Allow_collect_and_store_HTTP_header_informations', true);
    try {
      const reply = await api.request<{ visitor: { _id: string; ts: string } }>({ method: 'DELETE', route: 'livechat/visitor/tok-gdpr' });
      expect(reply.status).toBe(200);
      expect(reply.body.visitor).toEqual({ _id: expect.any(String), ts: expect.any(String) });
      expect((await ana.rooms(true)).some((r) => r._id === room._id)).toBe(false);
      expect((await api.get('livechat/visitor/tok-gdpr')).status).toBe(400);
    } finally {
      await ana.setSetting('Livechat_Allow_collect_and_store_HTTP_header_informations', false);
    }
  });
});

describe('POST livechat/room.survey', () => {
  it('keeps only answers from config.survey (and free feedback), and a second survey replaces the first', async () => {
    await registerVisitor(api, { token: 'tok-survey' });
    const { room } = await openRoom(api, 'tok-survey');
    const first = await api.post('livechat/room.survey', {
      token: 'tok-survey',
      rid: room._id,
      data: [
        { name: 'satisfaction', value: '5' },
        { name: 'agentKnowledge', value: '9' },
        { name: 'color', value: '3' },
        { name: 'additionalFeedback', value: 'Quick and kind' },
      ],
    });
    expect(first.body).toEqual({ rid: room._id, data: { satisfaction: '5', additionalFeedback: 'Quick and kind' }, success: true });
    await api.post('livechat/room.survey', { token: 'tok-survey', rid: room._id, data: [{ name: 'agentFriendliness', value: '4' }] });
    const stored = (await ana.rooms(true)).find((r) => r._id === room._id) as WireRoom;
    expect(stored.surveyFeedback).toEqual({ agentFriendliness: '4' });
  });
});
