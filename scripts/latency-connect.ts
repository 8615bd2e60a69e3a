/**
 * `npm run bench:latency-connect [-- --messages 100]` (after `npm run build`): send→display latency on
 * loopback on Amazon Connect, both ways, through the real widget in headless Chromium, the reference
 * start-chat backend and the Connect stand-in (Participant Service and its websocket).
 * - visitor→agent: Enter pressed in the widget → the agent's websocket brings the message;
 * - agent→visitor: the agent's SendMessage starts → the message is in the widget's DOM.
 * Browser and script share the machine clock (`performance.timeOrigin + performance.now()`).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import WebSocket from 'ws';
import { createStandin } from '../src/server/app.ts';
import { notFound, serveStatic } from '../src/server/http/static.ts';
import { profile } from '../src/server/profiles.ts';
import { ConnectAgentClient } from '../src/shared/amazon-connect/agent-client.ts';
import { stats } from './latency-stats.ts';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '100' } } });
const count = Number(values.messages);
const now = () => performance.timeOrigin + performance.now();

const standin = createStandin(profile('test'));
const files = serveStatic('dist');
const server = createServer((req, res) => standin.handle(req, res, () => void files(req, res).catch(() => notFound(res))));
standin.attach(server);
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const site = api.replace('127.0.0.1', 'site.test');
const agents = new ConnectAgentClient(api, { WebSocket: WebSocket as unknown as new (url: string) => globalThis.WebSocket });

await fetch(`${api}/_standin/pages`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({
    path: '/latency-connect.html',
    html: `<!doctype html><body><script src="${site}/widget.js" data-backend="amazon-connect" data-start-chat-url="${api}/connect-backend/start-chat" data-participant-endpoint="${api}"></script></body>`,
  }),
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--host-resolver-rules=MAP *.test 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
});
const page = await browser.newPage();
await page.goto(`${site}/latency-connect.html`);
await page.getByRole('button', { name: /^Open chat/ }).click();
const composer = page.getByRole('textbox', { name: 'Message' });
await composer.fill('start');
await composer.press('Enter');
await page.getByText('start').waitFor();
let contactId = '';
while (!contactId) contactId = (await page.evaluate(() => (window as unknown as { RocketChat: { livechat: { getState(): { roomId?: string } } } }).RocketChat.livechat.getState().roomId)) ?? '';
const ana = await agents.accept(contactId, 'Ana');
// The widget's websocket subscribed, the agent's join shown: the chat is live both ways.
await page.getByText('Chatting with Ana').waitFor();

// In the page: note when each message text first appears in the widget's log.
await page.evaluate(() => {
  const root = document.querySelector('[data-rocketchat-widget]')!.shadowRoot!;
  const seen: Record<string, number> = {};
  (window as unknown as { __seen: Record<string, number> }).__seen = seen;
  new MutationObserver(() => {
    for (const p of root.querySelectorAll('.msg__body')) {
      const text = p.textContent ?? '';
      if (!(text in seen)) seen[text] = performance.timeOrigin + performance.now();
    }
  }).observe(root, { subtree: true, childList: true, characterData: true });
});

// Visitor → agent: the agent session records each item its websocket brings, as it arrives.
const received = new Map<string, number>();
let read = 0;
const collect = () => {
  for (; read < ana.received.length; read++) {
    const item = ana.received[read]!;
    if (item.Type === 'MESSAGE' && item.ParticipantRole === 'CUSTOMER' && item.Content && !received.has(item.Content)) received.set(item.Content, now());
  }
};
const toAgent: number[] = [];
for (let i = 0; i < count; i++) {
  const text = `v${i}`;
  const sentAt = await page.evaluate((t) => {
    const root = document.querySelector('[data-rocketchat-widget]')!.shadowRoot!;
    const box = root.querySelector('textarea')!;
    box.value = t;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    const at = performance.timeOrigin + performance.now();
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    return at;
  }, text);
  while (!received.has(text)) {
    await new Promise((r) => setImmediate(r));
    collect();
  }
  toAgent.push(received.get(text)! - sentAt);
}

// Agent → visitor.
const toVisitor: number[] = [];
for (let i = 0; i < count; i++) {
  const text = `a${i}`;
  const sentAt = now();
  await ana.send(text);
  let shownAt: number | undefined;
  while (shownAt === undefined) shownAt = await page.evaluate((t) => (window as unknown as { __seen: Record<string, number> }).__seen[t], text);
  toVisitor.push(shownAt - sentAt);
}

const fmt = (n: number) => n.toFixed(1);
console.log(`\nSend→display latency on loopback, Amazon Connect, ${count} messages each way (ms)\n`);
console.log('| direction | n | median | p95 | min | max |\n|---|---:|---:|---:|---:|---:|');
for (const [name, samples] of [['visitor → agent', toAgent], ['agent → visitor', toVisitor]] as const) {
  const s = stats(samples);
  console.log(`| ${name} | ${s.n} | ${fmt(s.median)} | ${fmt(s.p95)} | ${fmt(s.min)} | ${fmt(s.max)} |`);
}

ana.close();
await browser.close();
await standin.close();
server.closeAllConnections();
server.close();
