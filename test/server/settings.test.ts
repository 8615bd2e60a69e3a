// @vitest-environment node
/**
 * The admin settings route `POST settings/:_id` (how a test reconfigures a real Rocket.Chat too) and what
 * each setting the widget depends on changes in the stand-in's behaviour (contract §0.6, §2).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentClient } from '../../src/shared/rocketchat/agent-client.ts';
import type { LivechatConfig, LivechatConfigEnabled } from '../../src/shared/rocketchat/wire.ts';
import { DEFAULT_SETTINGS, type SettingId } from '../../src/server/settings.ts';
import { agent, authHeaders, client, history, ok, openRoom, registerVisitor, sendMessage, startStandin, type Client, type Running } from './harness.ts';

let running: Running;
let api: Client;
let admin: AgentClient;
const changed = new Set<SettingId>();

beforeAll(async () => {
  running = await startStandin({
    settings: { API_Enable_Rate_Limiter: false },
    agents: [{ username: 'admin', name: 'Ada Admin', password: 'admin-pass', admin: true }],
  });
  api = client(running.baseUrl);
  admin = await agent(running.baseUrl, 'admin', 'admin-pass');
});

/** Every test starts from the defaults the stand-in was created with. */
afterEach(async () => {
  for (const id of changed) await admin.setSetting(id, id === 'API_Enable_Rate_Limiter' ? false : DEFAULT_SETTINGS[id]);
  changed.clear();
  if ((await configFor()).enabled) await admin.goAvailable(true);
});

afterAll(async () => {
  await running?.close();
});

async function set(id: SettingId, value: unknown): Promise<void> {
  changed.add(id);
  const reply = await api.post(`settings/${id}`, { value }, authHeaders(admin));
  expect({ status: reply.status, body: reply.body }).toEqual({ status: 200, body: { success: true } });
}

async function configFor(token?: string): Promise<LivechatConfig> {
  return ok(await api.get<{ config: LivechatConfig }>('livechat/config', token ? { token } : undefined)).config;
}

async function enabledConfig(token?: string): Promise<LivechatConfigEnabled> {
  const config = await configFor(token);
  if (!config.enabled) throw new Error('livechat is disabled');
  return config;
}

describe('the settings route', () => {
  it('stores a value that reads back through GET settings/:_id', async () => {
    await set('Livechat_title', 'Acme Help');
    const reply = await api.get(`settings/Livechat_title`, undefined, authHeaders(admin));
    expect(reply.body).toEqual({ _id: 'Livechat_title', value: 'Acme Help', success: true });
  });
});

describe('what the settings change', () => {
  it('Livechat_enable_transcript: offers the transcript in config and prompts for it at close', async () => {
    expect((await enabledConfig()).settings.transcript).toBe(false);
    await set('Livechat_enable_transcript', true);
    expect((await enabledConfig()).settings.transcript).toBe(true);
    await registerVisitor(api, { token: 'tok-transcript' });
    const { room } = await openRoom(api, 'tok-transcript');
    ok(await api.post('livechat/room.close', { token: 'tok-transcript', rid: room._id }));
    expect((await history(api, 'tok-transcript', room._id, { limit: '1' }))[0]).toMatchObject({ t: 'command', msg: 'promptTranscript' });
  });

  it('Livechat_enabled: config says only enabled:false and no room can be opened', async () => {
    await registerVisitor(api, { token: 'tok-disabled' });
    await registerVisitor(api, { token: 'tok-disabled-open' });
    const { room } = await openRoom(api, 'tok-disabled-open');
    await set('Livechat_enabled', false);
    const reply = await api.get('livechat/config');
    expect(reply.body).toEqual({ config: { enabled: false }, success: true });
    expect((await api.get('livechat/room', { token: 'tok-disabled' })).body).toEqual({
      success: false,
      error: '[error-omnichannel-is-disabled]',
      errorType: 'error-omnichannel-is-disabled',
    });
    expect((await api.post('livechat/message', { token: 'tok-disabled-open', rid: room._id, msg: 'hello?' })).body).toEqual({
      success: false,
      error: '[error-omnichannel-is-disabled]',
      errorType: 'error-omnichannel-is-disabled',
    });
  });

  it('Livechat_title and colours: the theme of the config', async () => {
    await set('Livechat_title', 'Acme Support');
    await set('Livechat_title_color', '#1D4ED8');
    await set('Livechat_widget_position', 'left');
    expect((await enabledConfig()).theme).toMatchObject({ title: 'Acme Support', color: '#1D4ED8', position: 'left' });
  });

  it('Livechat_show_agent_info: hides the agent from agent.info and config', async () => {
    await registerVisitor(api, { token: 'tok-hidden-agent' });
    const { room } = await openRoom(api, 'tok-hidden-agent');
    await set('Livechat_show_agent_info', false);
    expect(ok(await api.get(`livechat/agent.info/${room._id}/tok-hidden-agent`))).toEqual({ agent: { hiddenInfo: true }, success: true });
    const config = await enabledConfig('tok-hidden-agent');
    expect(config.settings.agentHiddenInfo).toBe(true);
    expect(config.agent).toEqual({ hiddenInfo: true });
  });

  it('Livechat_show_agent_email: drops the agent emails only', async () => {
    await registerVisitor(api, { token: 'tok-no-email' });
    const { room } = await openRoom(api, 'tok-no-email');
    await set('Livechat_show_agent_email', false);
    const { agent: info } = ok(await api.get<{ agent: Record<string, unknown> }>(`livechat/agent.info/${room._id}/tok-no-email`));
    expect(info).toMatchObject({ username: 'admin', name: 'Ada Admin' });
    expect(info.emails).toBeUndefined();
  });

  it('agent availability and Livechat_accept_chats_with_no_agents: online flag and room creation', async () => {
    await admin.goAvailable(false);
    expect((await enabledConfig()).online).toBe(false);
    await registerVisitor(api, { token: 'tok-offline' });
    expect((await api.get('livechat/room', { token: 'tok-offline' })).body).toEqual({
      success: false,
      error: 'Sorry, no online agents [no-agent-online]',
      errorType: 'no-agent-online',
    });
    await set('Livechat_accept_chats_with_no_agents', true);
    expect((await enabledConfig()).online).toBe(true);
    const { room, newRoom } = await openRoom(api, 'tok-offline');
    expect(newRoom).toBe(true);
    expect(room.servedBy).toBeUndefined();
  });

  it('Livechat_history_monitor_type and Livechat_Visitor_navigation_as_a_message: which page changes are kept, and shown', async () => {
    await registerVisitor(api, { token: 'tok-nav' });
    const { room } = await openRoom(api, 'tok-nav');
    const pageInfo = { title: 'Checkout', change: 'title', location: { href: 'https://shop.example/checkout' } };
    expect(ok(await api.post('livechat/page.visited', { token: 'tok-nav', rid: room._id, pageInfo }))).toEqual({ success: true });
    await set('Livechat_history_monitor_type', 'title');
    await set('Livechat_Visitor_navigation_as_a_message', true);
    expect(ok(await api.post<{ page?: { msg: string } }>('livechat/page.visited', { token: 'tok-nav', rid: room._id, pageInfo })).page?.msg).toBe(
      'Checkout - https://shop.example/checkout',
    );
    const [nav] = await history(api, 'tok-nav', room._id, { limit: '1' });
    expect(nav).toMatchObject({ t: 'livechat_navigation_history', msg: 'Checkout - https://shop.example/checkout', u: { username: 'rocket.cat' } });
  });

  it('Livechat_enable_message_character_limit: limitTextLength in config', async () => {
    expect((await enabledConfig()).settings.limitTextLength).toBe(false);
    await set('Livechat_enable_message_character_limit', true);
    expect((await enabledConfig()).settings.limitTextLength).toBe(5000);
    await set('Livechat_message_character_limit', 140);
    expect((await enabledConfig()).settings.limitTextLength).toBe(140);
  });

  it('API_Enable_Rate_Limiter: switches the limiter on for visitor routes', async () => {
    await set('API_Enable_Rate_Limiter', true);
    await registerVisitor(api, { token: 'tok-limited' });
    const { room } = await openRoom(api, 'tok-limited');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await api.post('livechat/message', { token: 'tok-limited', rid: room._id, msg: `m${i}` })).status);
    expect(statuses).toEqual([...Array(10).fill(200), 429]);
    await set('API_Enable_Rate_Limiter', false);
    expect((await sendMessage(api, 'tok-limited', room._id, 'free again')).msg).toBe('free again');
  });
});

describe('GET settings.public (anonymous, as Rocket.Chat 6.x+ serves it)', () => {
  it('answers the public settings asked for by id, sorted, and their current values', async () => {
    await set('FileUpload_MaxFileSize', 2048);
    const r = await api.get<{ settings: { _id: string; value: unknown }[]; count: number; offset: number; total: number }>('settings.public', {
      _id: 'FileUpload_MediaTypeWhiteList, FileUpload_MaxFileSize,FileUpload_MediaTypeBlackList',
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      settings: [
        { _id: 'FileUpload_MaxFileSize', value: 2048 },
        { _id: 'FileUpload_MediaTypeBlackList', value: 'image/svg+xml' },
        { _id: 'FileUpload_MediaTypeWhiteList', value: '' },
      ],
      count: 3,
      offset: 0,
      total: 3,
      success: true,
    });
  });

  it('never answers a setting that is not public, and refuses unknown parameters as rest-typings does', async () => {
    const r = await api.get<{ settings: { _id: string }[] }>('settings.public', { _id: 'SMTP_Host,API_CORS_Origin,Site_Name' });
    expect(ok(r).settings.map((s) => s._id)).toEqual(['Site_Name']);
    const bad = await api.get('settings.public', { color: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ success: false, error: 'must NOT have additional properties [invalid-params]' });
  });
});
