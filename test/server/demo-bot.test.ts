// @vitest-environment node
/**
 * The demo bot: an honest bot that answers only while no agent is signed in and available, hands its
 * chats to an agent who signs in, and takes chats again once the agent's console is gone.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCompanions } from '../../src/server/companions.ts';
import { BOT_NAME, BOT_USERNAME } from '../../src/server/demo/demo-bot.ts';
import { profile } from '../../src/server/profiles.ts';
import type { AgentClient } from '../../src/shared/rocketchat/agent-client.ts';
import type { WireMessage } from '../../src/shared/rocketchat/wire.ts';
import { agent, client, eventually, history, openRoom, registerVisitor, sendMessage, startStandin, type Client, type Running } from './harness.ts';

let running: Running;
let api: Client;
let stop: () => Promise<void>;
const agents: AgentClient[] = [];

beforeEach(async () => {
  running = await startStandin(profile('demo', {}));
  stop = await startCompanions(running.standin, { demoBot: true, demoBotDelayMs: 0 });
  api = client(running.baseUrl);
});

afterEach(async () => {
  agents.splice(0).forEach((a) => a.disconnect());
  await stop();
  await running.close();
});

async function visitor(name: string) {
  const token = `tok-${name}-${Math.random().toString(36).slice(2)}`;
  await registerVisitor(api, { token, name });
  const { room } = await openRoom(api, token);
  return { token, rid: room._id };
}

/** The console: sign in over REST, then hold a live DDP session, as the agent console does. */
async function signInAtConsole(): Promise<AgentClient> {
  const a = await agent(running.baseUrl, 'agent', 'agent-pass');
  agents.push(a);
  await a.connect();
  return a;
}

const fromUser = (messages: WireMessage[], username: string) => messages.filter((m) => !m.t && m.u.username === username).map((m) => m.msg);
const servedBy = (rid: string) => running.standin.store.rooms.get(rid)?.servedBy?.username;
const botState = async () => (await (await fetch(`${running.baseUrl}/_standin/demo-bot`)).json()) as { enabled: boolean; answering: boolean };

describe('the demo bot', () => {
  it('answers as a bot, saying it is not a person, while no agent is signed in', async () => {
    const v = await visitor('Vera');
    expect(servedBy(v.rid)).toBe(BOT_USERNAME);
    const config = (await api.get<{ config: { agent?: { name?: string } } }>('livechat/config', { token: v.token })).body.config;
    expect(config.agent?.name).toBe(BOT_NAME);
    await sendMessage(api, v.token, v.rid, 'Hello?');
    const replies = await eventually(async () => {
      const r = fromUser(await history(api, v.token, v.rid), BOT_USERNAME);
      return r.length ? r : undefined;
    });
    expect(replies[0]).toMatch(/demo bot/i);
    expect(replies[0]).toMatch(/not a person/);
    expect(await botState()).toMatchObject({ enabled: true, answering: true });
  });

  it('lets a signed-in agent take new chats, and stays quiet in them', async () => {
    const a = await signInAtConsole();
    await eventually(async () => ((await botState()).answering ? undefined : true));
    const v = await visitor('Nina');
    expect(servedBy(v.rid)).toBe('agent');
    await sendMessage(api, v.token, v.rid, 'Anyone there?');
    // The agent answers; after it, the bot still has said nothing.
    await a.send(v.rid, 'Yes, Ana here.');
    const messages = await history(api, v.token, v.rid);
    expect(fromUser(messages, 'agent')).toEqual(['Yes, Ana here.']);
    expect(fromUser(messages, BOT_USERNAME)).toEqual([]);
  });

  it("hands its chats over when an agent signs in, and takes chats again when the agent's console closes", async () => {
    const v = await visitor('Omar');
    await sendMessage(api, v.token, v.rid, 'First question');
    await eventually(async () => (fromUser(await history(api, v.token, v.rid), BOT_USERNAME).length ? true : undefined));

    const a = await signInAtConsole();
    await eventually(() => (servedBy(v.rid) === 'agent' ? true : undefined));
    const afterHandover = await history(api, v.token, v.rid);
    expect(afterHandover.some((m) => m.t === 'livechat_transfer_history')).toBe(true);
    expect(fromUser(afterHandover, BOT_USERNAME)[0]).toMatch(/handing you over/);

    // The console closes (its socket goes away): nobody is signed in, the bot answers again.
    a.disconnect();
    await eventually(async () => ((await botState()).answering ? true : undefined));
    await sendMessage(api, v.token, v.rid, 'Hello again?');
    await eventually(() => (servedBy(v.rid) === BOT_USERNAME ? true : undefined));
    const later = await visitor('Lea');
    expect(servedBy(later.rid)).toBe(BOT_USERNAME);
  });

  it('answers nobody when switched off, and the widget then sees the chat as offline', async () => {
    const off = await fetch(`${running.baseUrl}/_standin/demo-bot`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"enabled":false}' });
    expect(await off.json()).toMatchObject({ enabled: false, answering: false });
    const config = (await api.get<{ config: { online: boolean } }>('livechat/config')).body.config;
    expect(config.online).toBe(false);
  });

  it('stays off for an agent who is signed in but not available', async () => {
    const a = await signInAtConsole();
    await eventually(async () => ((await botState()).answering ? undefined : true));
    await a.goAvailable(false);
    await eventually(async () => ((await botState()).answering ? true : undefined));
    const v = await visitor('Ivo');
    expect(servedBy(v.rid)).toBe(BOT_USERNAME);
  });
});
