/**
 * `npm run bench:latency [-- --messages 100]` (after `npm run build`): send→display latency on loopback,
 * both ways, through the real widget in headless Chromium and the real stand-in.
 * - visitor→agent: Enter pressed in the widget → the agent's DDP subscription receives the message;
 * - agent→visitor: the agent's `chat.sendMessage` starts → the message is in the widget's DOM.
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
import { AgentClient } from '../src/shared/rocketchat/agent-client.ts';
import { stats } from './latency-stats.ts';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '100' } } });
const count = Number(values.messages);
const now = () => performance.timeOrigin + performance.now();

export { stats };

const standin = createStandin(profile('test'));
const files = serveStatic('dist');
const server = createServer((req, res) => standin.handle(req, res, () => void files(req, res).catch(() => notFound(res))));
standin.attach(server);
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const site = api.replace('127.0.0.1', 'site.test');

const agent = new AgentClient(api, { WebSocket: WebSocket as unknown as typeof globalThis.WebSocket });
await agent.login('agent', 'agent-pass');
await agent.connect();

await fetch(`${api}/_standin/pages`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ path: '/latency.html', html: `<!doctype html><body><script src="${site}/widget.js" data-server-url="${api}"></script></body>` }),
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--host-resolver-rules=MAP *.test 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
});
const page = await browser.newPage();
await page.goto(`${site}/latency.html`);
await page.getByRole('button', { name: /^Open chat/ }).click();
const composer = page.getByRole('textbox', { name: 'Message' });
await composer.fill('start');
await composer.press('Enter');
await page.getByText('start').waitFor();
const token = await page.evaluate(() => (window as unknown as { RocketChat: { livechat: { getVisitorToken(): string } } }).RocketChat.livechat.getVisitorToken());
/** Waits for `get` to give a value, for at most `ms`: a bench that hangs tells nothing. */
async function within<T>(what: string, ms: number, get: () => T | undefined | Promise<T | undefined>, pause = 5): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`latency bench: ${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, pause));
  }
}
const rid = await within('the visitor\'s room', 30_000, async () => (await agent.rooms()).find((r) => r.v.token === token)?._id, 50);

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

// Visitor → agent.
const received = new Map<string, number>();
agent.watchRoom(rid, { onMessage: (m) => received.set(m.msg, now()) });
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
  await within(`the agent receiving ${text}`, 10_000, () => (received.has(text) ? true : undefined), 1);
  toAgent.push(received.get(text)! - sentAt);
}

// Agent → visitor.
const toVisitor: number[] = [];
for (let i = 0; i < count; i++) {
  const text = `a${i}`;
  const sentAt = now();
  await agent.send(rid, text);
  const shownAt = await within(`${text} shown`, 10_000, () => page.evaluate((t) => (window as unknown as { __seen: Record<string, number> }).__seen[t], text), 0);
  toVisitor.push(shownAt - sentAt);
}

const fmt = (n: number) => n.toFixed(1);
console.log(`\nSend→display latency on loopback, ${count} messages each way (ms)\n`);
console.log('| direction | n | median | p95 | min | max |\n|---|---:|---:|---:|---:|---:|');
for (const [name, samples] of [['visitor → agent', toAgent], ['agent → visitor', toVisitor]] as const) {
  const s = stats(samples);
  console.log(`| ${name} | ${s.n} | ${fmt(s.median)} | ${fmt(s.p95)} | ${fmt(s.min)} | ${fmt(s.max)} |`);
}

await browser.close();
agent.disconnect();
await standin.close();
server.closeAllConnections();
server.close();
