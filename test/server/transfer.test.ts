// @vitest-environment node
/**
 * Changing department mid-chat (Rocket.Chat `transfer` → `forwardRoomToDepartment`): the 8.x route (which
 * used to collide with `visitor/:token`), the 7.x route, the system messages, the routing method's effect,
 * and the agent-side transfer history.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AgentClient } from '../../src/shared/rocketchat/agent-client.ts';
import type { WireMessage, WireRoom } from '../../src/shared/rocketchat/wire.ts';
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
  startStandin,
  type Client,
  type Running,
} from './harness.ts';

let running: Running;
let api: Client;
let ana: AgentClient;
let seq = 0;

beforeAll(async () => {
  running = await startStandin({
    settings: { API_Enable_Rate_Limiter: false },
    departments: [
      { _id: 'dep-sales', name: 'Sales' },
      { _id: 'dep-support', name: 'Support' },
      { _id: 'dep-empty', name: 'Empty' },
    ],
    agents: [
      { username: 'ana', name: 'Ana Agent', password: 'ana-pass', admin: true, departments: ['Sales'] },
      { username: 'bob', name: 'Bob Backup', password: 'bob-pass', departments: ['Support'] },
    ],
  });
  api = client(running.baseUrl);
  ana = await agent(running.baseUrl, 'ana', 'ana-pass');
});

afterAll(async () => running?.close());

beforeEach(async () => {
  await ana.setSetting('Livechat_Routing_Method', 'Auto_Selection');
});

/** A new visitor in Sales with an open room served by ana. */
async function salesChat(): Promise<{ token: string; room: WireRoom }> {
  const token = `tok-tr-${++seq}`;
  await registerVisitor(api, { token, name: `Tess ${seq}`, department: 'dep-sales' });
  const { room } = await openRoom(api, token);
  expect(room.servedBy?.username).toBe('ana');
  return { token, room };
}

const transfer = (body: unknown) => api.post<{ success: boolean; error?: string }>('livechat/visitor/department.transfer', body);
const newest = (messages: WireMessage[], n: number) => messages.slice(0, n).reverse();

describe('POST livechat/visitor/department.transfer (8.x)', () => {
  it('moves the chat to an agent of the new department, with the messages Rocket.Chat writes', async () => {
    const { token, room } = await salesChat();
    const ddp = await RawDdp.open(running.wsUrl);
    await ddp.sub('stream-livechat-room', [room._id, { useCollection: false, args: [{ token, visitorToken: token }] }]);

    const reply = await transfer({ token, rid: room._id, department: 'dep-support' });
    expect({ status: reply.status, body: reply.body }).toEqual({ status: 200, body: { success: true } });

    const agentData = await ddp.next(isEvent('stream-livechat-room', room._id));
    expect(eventArgs(agentData)[0]).toMatchObject({ type: 'agentData', data: { username: 'bob' } });
    ddp.close();

    const messages = newest(await history(api, token, room._id), 4);
    expect(messages.map((m) => [m.t, m.u.username])).toEqual([
      ['command', 'bob'],
      ['uj', 'bob'],
      ['livechat_transfer_history', expect.stringMatching(/^guest-/)],
      ['ul', 'ana'],
    ]);
    const transferMsg = messages[2]!;
    expect(transferMsg).toMatchObject({ msg: '', token, groupable: false });
    expect(transferMsg.transferData).toEqual({
      transferredBy: { _id: expect.any(String), username: transferMsg.u.username, name: expect.stringMatching(/^Tess/), userType: 'visitor' },
      ts: expect.any(String),
      scope: 'department',
      previousDepartment: 'dep-sales',
      nextDepartment: { _id: 'dep-support', name: 'Support' },
    });
    expect(messages[3]!.msg).toBe('ana');

    const config = (await api.get<{ config: { room: { departmentId: string; servedBy: { username: string } } } }>('livechat/config', { token })).body.config;
    expect(config.room).toMatchObject({ departmentId: 'dep-support', servedBy: { username: 'bob' } });
  });

  it('refuses the department the chat is in, one that does not exist, and one with nobody to take it', async () => {
    const { token, room } = await salesChat();
    expect((await transfer({ token, rid: room._id, department: 'dep-sales' })).body).toEqual({ success: false, error: 'error-forwarding-chat-same-department' });
    expect((await transfer({ token, rid: room._id, department: 'dep-nowhere' })).body).toEqual({ success: false, error: 'error-invalid-department' });
    expect((await transfer({ token, rid: room._id, department: 'dep-empty' })).body).toEqual({ success: false, error: 'error-no-agents-online-in-department' });
    // Nothing moved.
    const [latest] = await history(api, token, room._id, { limit: '1' });
    expect(latest!.t).toBe('uj');
  });

  it("refuses a closed chat and another visitor's chat", async () => {
    const { token, room } = await salesChat();
    const other = await salesChat();
    expect((await transfer({ token, rid: other.room._id, department: 'dep-support' })).body).toEqual({ success: false, error: 'error-invalid-room' });
    await api.post('livechat/room.close', { token, rid: room._id });
    expect((await transfer({ token, rid: room._id, department: 'dep-support' })).body).toEqual({ success: false, error: 'This_conversation_is_already_closed' });
  });

  it('with Manual_Selection puts the chat back in the queue of the new department', async () => {
    const { token, room } = await salesChat();
    await ana.setSetting('Livechat_Routing_Method', 'Manual_Selection');
    const ddp = await RawDdp.open(running.wsUrl);
    await ddp.sub('stream-livechat-room', [room._id, { useCollection: false, args: [{ token, visitorToken: token }] }]);
    expect((await transfer({ token, rid: room._id, department: 'dep-support' })).body).toEqual({ success: true });
    const event = await ddp.next((f) => isEvent('stream-livechat-room', room._id)(f) && (eventArgs(f)[0] as { type: string }).type === 'agentData');
    expect(eventArgs(event)[0]).toEqual({ type: 'agentData' });
    ddp.close();
    const messages = newest(await history(api, token, room._id), 2);
    expect(messages.map((m) => m.t)).toEqual(['livechat_transfer_history', 'ul']);
    const inquiry = (await ana.request<{ inquiry: { status: string; department: string } }>('GET', 'livechat/inquiries.getOne', undefined, { roomId: room._id })).inquiry;
    expect(inquiry).toMatchObject({ status: 'queued', department: 'dep-support' });
    const rooms = await ana.rooms(true);
    expect(rooms.find((r) => r._id === room._id)?.servedBy).toBeUndefined();
  });
});

describe('POST livechat/room.transfer (7.x)', () => {
  it('answers with the room in its new department', async () => {
    const { token, room } = await salesChat();
    const reply = await api.post<{ room: WireRoom }>('livechat/room.transfer', { token, rid: room._id, department: 'dep-support' });
    expect(reply.status).toBe(200);
    expect(reply.body.room).toMatchObject({ _id: room._id, departmentId: 'dep-support', servedBy: { username: 'bob' } });
  });

  it('answers a bare failure for a closed chat', async () => {
    const { token, room } = await salesChat();
    await api.post('livechat/room.close', { token, rid: room._id });
    const reply = await api.post('livechat/room.transfer', { token, rid: room._id, department: 'dep-support' });
    expect({ status: reply.status, body: reply.body }).toEqual({ status: 400, body: { success: false } });
  });
});

describe('GET livechat/transfer.history/:rid', () => {
  it("lists the room's transfers, oldest first, paginated", async () => {
    const { token, room } = await salesChat();
    await transfer({ token, rid: room._id, department: 'dep-support' });
    await transfer({ token, rid: room._id, department: 'dep-sales' });
    const all = await api.get<{ history: { nextDepartment: { _id: string } }[]; count: number; offset: number; total: number }>(
      `livechat/transfer.history/${room._id}`,
      undefined,
      authHeaders(ana),
    );
    expect(all.status).toBe(200);
    expect(all.body.history.map((h) => h.nextDepartment._id)).toEqual(['dep-support', 'dep-sales']);
    expect(all.body).toMatchObject({ count: 2, offset: 0, total: 2, success: true });
    const page = await api.get<{ history: unknown[]; count: number; total: number }>(`livechat/transfer.history/${room._id}`, { offset: '1', count: '1' }, authHeaders(ana));
    expect(page.body).toMatchObject({ count: 1, total: 2 });
  });
});
