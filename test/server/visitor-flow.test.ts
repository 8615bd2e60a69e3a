// @vitest-environment node
/**
 * The visitor's path through the stand-in as the widget walks it (contract §11 call order): config,
 * register, open a room, get an agent, the side routes (status, page visits, custom fields, offline form),
 * and the agent's part (take a queued chat, send).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentClient } from '../../src/shared/rocketchat/agent-client.ts';
import type { LivechatConfigEnabled, WireMessage, WireRoom, WireVisitor } from '../../src/shared/rocketchat/wire.ts';
import { agent, client, history, ok, openRoom, registerVisitor, sendMessage, startStandin, type Client, type Running } from './harness.ts';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const RANDOM_ID = /^[23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz]{17}$/;

let running: Running;
let api: Client;
let ana: AgentClient;

beforeAll(async () => {
  running = await startStandin({
    // Many transcripts and offline messages from one address, as Rocket.Chat's TEST_MODE allows.
    mailRateLimit: false,
    settings: { API_Enable_Rate_Limiter: false, Livechat_offline_email: 'offline@acme.example', From_Email: 'support@acme.example' },
    departments: [
      { _id: 'dep-sales', name: 'Sales', email: 'sales@acme.example' },
      { _id: 'dep-empty', name: 'Empty', showOnOfflineForm: false },
    ],
    agents: [
      { username: 'ana', name: 'Ana Agent', password: 'ana-pass', email: 'ana@acme.example', admin: true, departments: ['Sales'] },
      { username: 'bob', name: 'Bob Backup', password: 'bob-pass', available: false },
    ],
    customFields: [
      { _id: 'address', label: 'Address', type: 'input', scope: 'visitor', visibility: 'visible', public: true, defaultValue: 'Main St' },
      { _id: 'plan', label: 'Plan', type: 'input', scope: 'room', visibility: 'visible', public: true },
      { _id: 'tier', label: 'Tier', type: 'select', scope: 'visitor', visibility: 'visible', public: true, required: true, options: 'Gold,Silver', regexp: '^[A-Z]' },
      { _id: 'internal', label: 'Internal', type: 'input', scope: 'visitor', visibility: 'visible', public: false },
      { _id: 'hidden', label: 'Hidden', type: 'input', scope: 'visitor', visibility: 'hidden', public: true },
    ],
  });
  api = client(running.baseUrl);
  ana = await agent(running.baseUrl, 'ana', 'ana-pass');
});

afterAll(async () => {
  ana?.disconnect();
  await running?.close();
});

describe('config', () => {
  it('describes the widget for a new visitor: enabled, online, theme, survey, departments with agents only', async () => {
    const reply = await api.get<{ config: LivechatConfigEnabled; success: boolean }>('livechat/config');
    const { config } = ok(reply);
    expect(config).toMatchObject({
      enabled: true,
      online: true,
      theme: { title: 'Rocket.Chat', color: '#C1272D', offlineTitle: 'Leave a message', offlineColor: '#666666', position: 'right' },
      survey: { items: ['satisfaction', 'agentKnowledge', 'agentResposiveness', 'agentFriendliness'], values: ['1', '2', '3', '4', '5'] },
      settings: { registrationForm: true, transcript: false, displayOfflineForm: true, agentHiddenInfo: false, limitTextLength: false },
    });
    expect(config.departments).toEqual([{ _id: 'dep-sales', name: 'Sales', showOnRegistration: true, showOnOfflineForm: true }]);
    expect(config.guest).toBeUndefined();
    expect(config.room).toBeUndefined();
  });

  it('lists public, visible, visitor-scoped custom fields as Enterprise does: options split, defaultValue null', async () => {
    const { config } = ok(await api.get<{ config: LivechatConfigEnabled; success: boolean }>('livechat/config'));
    expect(config.customFields).toEqual([
      { _id: 'address', label: 'Address', required: false, type: 'input', defaultValue: 'Main St' },
      { _id: 'tier', label: 'Tier', regexp: '^[A-Z]', required: true, type: 'select', defaultValue: null, options: ['Gold', 'Silver'] },
    ]);
  });

  it('sends no customFields at all from a Community server', async () => {
    const community = await startStandin({ edition: 'community', customFields: [{ _id: 'a', label: 'A', visibility: 'visible', public: true }] });
    try {
      const { config } = ok(await client(community.baseUrl).get<{ config: LivechatConfigEnabled; success: boolean }>('livechat/config'));
      expect(config).not.toHaveProperty('customFields');
    } finally {
      await community.close();
    }
  });
});

describe('visitor registration', () => {
  it('creates a guest with a generated username and lower-cases the email', async () => {
    const reply = await api.post<{ visitor: WireVisitor; success: boolean }>('livechat/visitor', {
      visitor: { token: 'tok-jane', name: 'Jane', email: ' Jane@Example.COM ' },
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers.pragma).toBe('no-cache');
    expect(reply.body.success).toBe(true);
    const v = reply.body.visitor;
    expect(v).toMatchObject({
      token: 'tok-jane',
      name: 'Jane',
      username: 'guest-1',
      status: 'online',
      visitorEmails: [{ address: 'jane@example.com' }],
    });
    expect(v._id).toMatch(RANDOM_ID);
    expect(v.ts).toMatch(ISO);
  });

  it('updates the visitor with the same token in place: same _id and username, new name and email', async () => {
    const before = ok(await api.get<{ visitor: WireVisitor }>('livechat/visitor/tok-jane')).visitor;
    const after = await registerVisitor(api, { token: 'tok-jane', name: 'Jane Doe', email: 'JD@Example.com' });
    expect(after._id).toBe(before._id);
    expect(after.username).toBe(before.username);
    expect(after.name).toBe('Jane Doe');
    expect(after.visitorEmails).toEqual([{ address: 'jd@example.com' }]);
    const read = ok(await api.get<{ visitor: WireVisitor }>('livechat/visitor/tok-jane')).visitor;
    expect(read).toEqual(after);
  });

  it('numbers new guests one after the other', async () => {
    const a = await registerVisitor(api, { token: 'tok-guest-a' });
    const b = await registerVisitor(api, { token: 'tok-guest-b' });
    expect(Number(b.username.replace('guest-', ''))).toBe(Number(a.username.replace('guest-', '')) + 1);
    expect(a._id).not.toBe(b._id);
  });

  it('with Standin_refuse_visitor_takeover, an email or phone of another visitor gets a visitor of its own', async () => {
    const victim = await registerVisitor(api, { token: 'tok-victim', name: 'Vic', email: 'vic@example.com', phone: '5559999' });
    const { room } = await openRoom(api, 'tok-victim');
    running.standin.store.settings.Standin_refuse_visitor_takeover = true;
    try {
      for (const contact of [{ email: 'VIC@example.com' }, { phone: '5559999' }]) {
        const token = `tok-attacker-${Object.keys(contact)[0]}`;
        const attacker = await registerVisitor(api, { token, name: 'Mallory', ...contact });
        expect(attacker._id).not.toBe(victim._id);
        expect(attacker.token).toBe(token);
        // The victim's room stays out of reach, and the victim keeps their name and token.
        expect((await api.get('livechat/room', { token, rid: room._id })).body).toEqual({ success: false, error: 'invalid-room' });
        expect(ok(await api.get<{ visitor: WireVisitor }>('livechat/visitor/tok-victim')).visitor.name).toBe('Vic');
      }
    } finally {
      running.standin.store.settings.Standin_refuse_visitor_takeover = false;
    }
    // Off (Rocket.Chat's behaviour): the same email hands the victim's identity over.
    const taken = await registerVisitor(api, { token: 'tok-attacker-again', email: 'vic@example.com' });
    expect(taken._id).toBe(victim._id);
  });

  it('matches a returning visitor by phone number and keeps the stored token', async () => {
    const first = await registerVisitor(api, { token: 'tok-phone-1', phone: '5551234' });
    const second = await registerVisitor(api, { token: 'tok-phone-2', phone: '5551234', name: 'Phil' });
    expect(second._id).toBe(first._id);
    expect(second.token).toBe('tok-phone-1');
    expect(second.name).toBe('Phil');
    expect((await api.get('livechat/visitor/tok-phone-2')).body).toEqual({ success: false, error: '[invalid-token]', errorType: 'invalid-token' });
  });

  it('resolves a department given by name to its id', async () => {
    const v = await registerVisitor(api, { token: 'tok-dept', department: 'Sales' });
    expect(v.department).toBe('dep-sales');
  });

  it('stores only custom fields of visitor scope and ignores unknown keys', async () => {
    const v = await registerVisitor(api, {
      token: 'tok-fields',
      customFields: [
        { key: 'address', value: 'Main St 1', overwrite: true },
        { key: 'plan', value: 'gold', overwrite: true },
        { key: 'shoe-size', value: '42', overwrite: true },
      ],
    });
    expect(v.livechatData).toEqual({ address: 'Main St 1' });
  });
});

describe('room get-or-create and agent assignment', () => {
  let visitor: WireVisitor;
  let room: WireRoom;

  beforeAll(async () => {
    visitor = await registerVisitor(api, { token: 'tok-room', name: 'Rita' });
  });

  it('opens a new room (newRoom true) served by the available agent', async () => {
    const first = await openRoom(api, 'tok-room');
    room = first.room;
    expect(first.newRoom).toBe(true);
    expect(room).toMatchObject({
      t: 'l',
      open: true,
      fname: 'Rita',
      v: { _id: visitor._id, username: visitor.username, token: 'tok-room' },
      servedBy: { _id: ana.userId, username: 'ana' },
      source: { type: 'api' },
    });
    expect(room._id).toMatch(RANDOM_ID);
    expect(room.servedBy?.ts).toMatch(ISO);
  });

  it('returns the same open room afterwards (newRoom false), with or without its rid', async () => {
    const again = await openRoom(api, 'tok-room');
    expect(again.newRoom).toBe(false);
    expect(again.room._id).toBe(room._id);
    const byRid = ok(await api.get<{ room: WireRoom; newRoom: boolean }>('livechat/room', { token: 'tok-room', rid: room._id }));
    expect(byRid).toMatchObject({ newRoom: false, room: { _id: room._id } });
    // An empty rid is falsy in Rocket.Chat, so it means "no rid".
    const emptyRid = ok(await api.get<{ room: WireRoom; newRoom: boolean }>('livechat/room', { token: 'tok-room', rid: '' }));
    expect(emptyRid.room._id).toBe(room._id);
  });

  it('posts livechat-started from the visitor, then command "connected" and uj from the agent', async () => {
    const messages = await history(api, 'tok-room', room._id);
    const agentRef = { _id: ana.userId, username: 'ana', name: 'Ana Agent' };
    expect(messages.map((m) => [m.t, m.msg])).toEqual([
      ['uj', ''],
      ['command', 'connected'],
      ['livechat-started', ''],
    ]);
    const [uj, command, started] = messages as [WireMessage, WireMessage, WireMessage];
    expect(started).toMatchObject({ rid: room._id, token: 'tok-room', groupable: false, u: { _id: visitor._id, username: visitor.username } });
    expect(command.u).toEqual(agentRef);
    expect(uj.u).toEqual(agentRef);
  });

  it('tells the visitor who serves the room through agent.info and config', async () => {
    const info = ok(await api.get<{ agent: unknown }>(`livechat/agent.info/${room._id}/tok-room`));
    expect(info.agent).toEqual({
      _id: ana.userId,
      name: 'Ana Agent',
      username: 'ana',
      status: 'online',
      emails: [{ address: 'ana@acme.example', verified: true }],
    });
    const { config } = ok(await api.get<{ config: LivechatConfigEnabled }>('livechat/config', { token: 'tok-room' }));
    expect(config.guest).toMatchObject({ _id: visitor._id, token: 'tok-room', name: 'Rita' });
    expect(config.room).toMatchObject({ _id: room._id, open: true, servedBy: { _id: ana.userId, username: 'ana' } });
    expect(config.agent).toEqual(info.agent);
    expect(config.online).toBe(true);
  });

  it('marks a room opened from the widget (cookies rc_room_type=l, rc_is_widget=t) with its host', async () => {
    await registerVisitor(api, { token: 'tok-widget' });
    const reply = await api.get<{ room: WireRoom }>('livechat/room', { token: 'tok-widget' }, {
      cookie: 'rc_room_type=l; rc_is_widget=t',
      origin: 'https://shop.example:8443',
    });
    expect(ok(reply).room.source).toEqual({ type: 'widget', destination: 'shop.example:8443' });
  });

  it('refreshes the open room when the visitor changes its name', async () => {
    await registerVisitor(api, { token: 'tok-room', name: 'Rita Renamed' });
    const rooms = await ana.rooms(true);
    expect(rooms.find((r) => r._id === room._id)?.fname).toBe('Rita Renamed');
  });

  it('gives the room to the agent named by agentId', async () => {
    await registerVisitor(api, { token: 'tok-wants-ana' });
    const { room: r } = ok(await api.get<{ room: WireRoom }>('livechat/room', { token: 'tok-wants-ana', agentId: ana.userId }));
    expect(r.servedBy?.username).toBe('ana');
  });

  it('refuses the room when the agent named by agentId is not available, and ignores an id naming nobody', async () => {
    const bob = await agent(running.baseUrl, 'bob', 'bob-pass');
    await registerVisitor(api, { token: 'tok-wants-bob' });
    expect((await api.get('livechat/room', { token: 'tok-wants-bob', agentId: bob.userId })).body).toEqual({
      success: false,
      error: 'Sorry, no online agents [no-agent-online]',
      errorType: 'no-agent-online',
    });
    const { room: r } = ok(await api.get<{ room: WireRoom }>('livechat/room', { token: 'tok-wants-bob', agentId: 'nobody' }));
    expect(r.servedBy?.username).toBe('ana');
  });

  it('queues the room when routing is manual, until an agent takes the inquiry', async () => {
    await ana.setSetting('Livechat_Routing_Method', 'Manual_Selection');
    try {
      await registerVisitor(api, { token: 'tok-queued' });
      const { room: queued, newRoom } = await openRoom(api, 'tok-queued');
      expect(newRoom).toBe(true);
      expect(queued.servedBy).toBeUndefined();
      const getOne = await api.get<{ inquiry: { _id: string; rid: string; status: string } }>('livechat/inquiries.getOne', { roomId: queued._id }, {
        'X-User-Id': ana.userId,
        'X-Auth-Token': ana.authToken,
      });
      expect(ok(getOne).inquiry).toMatchObject({ rid: queued._id, status: 'queued' });
      expect((await api.get(`livechat/agent.info/${queued._id}/tok-queued`)).body).toEqual({ success: false, error: 'invalid-agent' });

      await ana.take(queued._id);
      const served = (await openRoom(api, 'tok-queued')).room;
      expect(served.servedBy).toMatchObject({ _id: ana.userId, username: 'ana' });
      const types = (await history(api, 'tok-queued', queued._id)).map((m) => m.t);
      expect(types).toEqual(['uj', 'command', 'livechat-started']);
      // A second take is refused: the inquiry is gone from the queue.
      const inquiryId = ok(getOne).inquiry._id;
      const retake = await api.post('livechat/inquiries.take', { inquiryId }, { 'X-User-Id': ana.userId, 'X-Auth-Token': ana.authToken });
      expect(retake.body).toEqual({
        success: false,
        error: 'Inquiry already taken [error-inquiry-taken]',
        errorType: 'error-inquiry-taken',
        details: { method: 'livechat:takeInquiry' },
      });
    } finally {
      await ana.setSetting('Livechat_Routing_Method', 'Auto_Selection');
    }
  });
});

describe('messages both ways', () => {
  let rid: string;
  beforeAll(async () => {
    await registerVisitor(api, { token: 'tok-talk', name: 'Tom' });
    rid = (await openRoom(api, 'tok-talk')).room._id;
  });

  it("stores the visitor's message with token, alias and author, and echoes the client-chosen _id", async () => {
    const reply = await api.post<{ message: WireMessage; success: boolean }>('livechat/message', {
      token: 'tok-talk',
      rid,
      msg: 'Hello there',
      _id: 'clientChosenId0001',
    });
    expect(reply.status).toBe(200);
    const m = reply.body.message;
    expect(m).toMatchObject({ _id: 'clientChosenId0001', rid, msg: 'Hello there', token: 'tok-talk', alias: 'Tom', u: { username: expect.stringMatching(/^guest-/), name: 'Tom' } });
    expect(m.ts).toMatch(ISO);
    const single = ok(await api.get<{ message: WireMessage }>(`livechat/message/${m._id}`, { token: 'tok-talk', rid }));
    expect(single.message).toEqual(m);
  });

  it('coerces a numeric msg to a string, as AJV with coerceTypes does', async () => {
    const reply = await api.post<{ message: WireMessage }>('livechat/message', { token: 'tok-talk', rid, msg: 42 });
    expect(ok(reply).message.msg).toBe('42');
  });

  it("delivers the agent's reply to the visitor's history, newest first", async () => {
    const sent = await ana.send(rid, 'Hi Tom, how can I help?');
    expect(sent.u).toEqual({ _id: ana.userId, username: 'ana', name: 'Ana Agent' });
    expect(sent.token).toBeUndefined();
    const latest = (await history(api, 'tok-talk', rid, { limit: '3' })).map((m) => m.msg);
    expect(latest).toEqual(['Hi Tom, how can I help?', '42', 'Hello there']);
  });

  it('refuses a message over the character limit when the limit is on', async () => {
    await ana.setSetting('Livechat_enable_message_character_limit', true);
    await ana.setSetting('Livechat_message_character_limit', 10);
    try {
      expect((await api.post('livechat/message', { token: 'tok-talk', rid, msg: 'x'.repeat(11) })).body).toEqual({
        success: false,
        error: 'message-length-exceeds-character-limit',
      });
      expect((await sendMessage(api, 'tok-talk', rid, 'x'.repeat(10))).msg).toHaveLength(10);
    } finally {
      await ana.setSetting('Livechat_enable_message_character_limit', false);
    }
  });
});

describe('the other visitor routes', () => {
  it('records the visitor status on its open rooms', async () => {
    await registerVisitor(api, { token: 'tok-status' });
    const { room } = await openRoom(api, 'tok-status');
    expect(ok(await api.post('livechat/visitor.status', { token: 'tok-status', status: 'away' }))).toEqual({
      token: 'tok-status',
      status: 'away',
      success: true,
    });
    expect((await ana.rooms(true)).find((r) => r._id === room._id)?.v.status).toBe('away');
  });

  it('records a page visit as a hidden navigation message only when the change type is monitored', async () => {
    await registerVisitor(api, { token: 'tok-pages' });
    const { room } = await openRoom(api, 'tok-pages');
    const pageInfo = { title: 'Pricing', change: 'url', location: { href: 'https://shop.example/pricing' } };
    const reply = ok(await api.post('livechat/page.visited', { token: 'tok-pages', rid: room._id, pageInfo }));
    expect(reply).toEqual({
      page: { msg: 'Pricing - https://shop.example/pricing', navigation: { page: pageInfo, token: 'tok-pages' } },
      success: true,
    });
    expect(ok(await api.post('livechat/page.visited', { token: 'tok-pages', pageInfo: { ...pageInfo, change: 'title' } }))).toEqual({
      success: true,
    });
    // Hidden: the visitor's history does not show it.
    expect((await history(api, 'tok-pages', room._id)).some((m) => m.t === 'livechat_navigation_history')).toBe(false);
  });

  it('sets one custom field, and several with the capital Key quirk', async () => {
    await registerVisitor(api, { token: 'tok-cf' });
    expect(ok(await api.post('livechat/custom.field', { token: 'tok-cf', key: 'address', value: 'Elm St', overwrite: true }))).toEqual({
      field: { key: 'address', value: 'Elm St', overwrite: true },
      success: true,
    });
    expect(
      ok(await api.post('livechat/custom.fields', { token: 'tok-cf', customFields: [{ key: 'address', value: 'Oak St', overwrite: false }] })),
    ).toEqual({ fields: [{ Key: 'address', value: 'Oak St', overwrite: false }], success: true });
    // overwrite:false keeps the stored value.
    expect(ok(await api.get<{ visitor: WireVisitor }>('livechat/visitor/tok-cf')).visitor.livechatData).toEqual({ address: 'Elm St' });
  });

  it('accepts an offline message and mails it to the department, or the offline address', async () => {
    const before = running.standin.mailer.sent.length;
    expect(ok(await api.post('livechat/offline.message', { name: 'Olga', email: 'olga@example.com', message: 'Please call me back tomorrow' }))).toEqual({
      message: 'Livechat offline message sent',
      success: true,
    });
    expect(ok(await api.post('livechat/offline.message', { name: 'Otto', email: 'otto@example.com', message: 'Sales question', department: 'dep-sales' })))
      .toEqual({ message: 'Livechat offline message sent', success: true });
    const mails = running.standin.mailer.sent.slice(before);
    expect(mails.map((m) => [m.to, m.subject])).toEqual([
      // The subject carries the first 20 characters of the message.
      ['offline@acme.example', 'Livechat offline message from Olga: Please call me back '],
      ['sales@acme.example', 'Livechat offline message from Otto: Sales question'],
    ]);
    expect(mails[0]!.from).toBe('support@acme.example');
    expect(mails[0]!.text).toContain('Please call me back tomorrow');
  });

  it('removes a visitor without open rooms, after which its token is unknown', async () => {
    await registerVisitor(api, { token: 'tok-gone' });
    const { room } = await openRoom(api, 'tok-gone');
    ok(await api.post('livechat/room.close', { token: 'tok-gone', rid: room._id }));
    const reply = await api.request<{ visitor: { _id: string; ts: string } }>({ method: 'DELETE', route: 'livechat/visitor/tok-gone' });
    expect(ok(reply).visitor.ts).toMatch(ISO);
    expect((await api.get('livechat/visitor/tok-gone')).body).toEqual({ success: false, error: '[invalid-token]', errorType: 'invalid-token' });
    expect((await api.get(`livechat/messages.history/${room._id}`, { token: 'tok-gone' })).body).toEqual({ success: false, error: 'invalid-token' });
  });
});
