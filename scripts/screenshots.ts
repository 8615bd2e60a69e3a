/**
 * `npx tsx scripts/screenshots.ts [outDir]` — builds nothing; needs `npm run build` first. Starts a
 * stand-in serving dist/, drives headless Chromium through every widget screen and saves a PNG of each
 * (default /tmp/widget-screens), so a person can look at what the widget shows.
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { AgentClient } from '../src/shared/rocketchat/agent-client.ts';
import { createStandin } from '../src/server/app.ts';
import { startCompanions } from '../src/server/companions.ts';
import { notFound, serveStatic } from '../src/server/http/static.ts';
import { profile } from '../src/server/profiles.ts';

const out = process.argv[2] ?? '/tmp/widget-screens';
mkdirSync(out, { recursive: true });

const standin = createStandin(profile('test'));
const files = serveStatic('dist');
const server = createServer((req, res) => standin.handle(req, res, () => void files(req, res).catch(() => notFound(res))));
standin.attach(server);
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const stop = await startCompanions(standin, { smtpCatcherPort: 0 });
const port = (server.address() as AddressInfo).port;
const api = `http://127.0.0.1:${port}`;
const site = `http://site.test:${port}`;

const agent = new AgentClient(api, { WebSocket: WebSocket as unknown as typeof globalThis.WebSocket });
await agent.login('agent', 'agent-pass');
await agent.connect();

async function hostPage(path: string, attrs = ''): Promise<string> {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title>
<link rel="stylesheet" href="/demo/site.css"></head><body><header class="site-header"><a class="brand" href="/">Acme Outdoor Gear</a></header>
<main><section class="hero"><h1>Gear for every trail</h1><p>A customer page with the chat widget.</p></section></main>
<script src="${site}/widget.js" data-server-url="${api}" ${attrs} async></script></body></html>`;
  await fetch(`${api}/_standin/pages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ path, html }) });
  return `${site}${path}`;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--host-resolver-rules=MAP *.test 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
});
let n = 0;
async function shot(page: Page, name: string): Promise<void> {
  n++;
  const file = `${out}/${String(n).padStart(2, '0')}-${name}.png`;
  await page.waitForTimeout(300);
  await page.screenshot({ path: file });
  console.log(file);
}

async function newVisitor(viewport = { width: 1100, height: 760 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return { context, page };
}

async function roomOf(page: Page) {
  const token = await page.evaluate(() => (window as unknown as { RocketChat: { livechat: { getVisitorToken(): string } } }).RocketChat.livechat.getVisitorToken());
  for (let i = 0; i < 50; i++) {
    const room = (await agent.rooms()).find((r) => r.v.token === token);
    if (room) return room;
    await page.waitForTimeout(100);
  }
  throw new Error('no room');
}

const { context, page } = await newVisitor();
await page.goto(await hostPage('/screens/desktop.html'));
await page.getByRole('button', { name: /^Open chat/ }).waitFor();
await shot(page, 'launcher');
await page.getByRole('button', { name: /^Open chat/ }).click();
await page.getByRole('textbox', { name: 'Message' }).waitFor();
await shot(page, 'panel-empty');

const box = page.getByRole('textbox', { name: 'Message' });
await box.fill('Hi! Do you ship tents to Lisbon?');
await box.press('Enter');
const room = await roomOf(page);
await agent.send(room._id, 'Hello! Yes, we ship to Portugal. Delivery takes 3–5 days.');
await box.fill('Great, and is the Ridge 2 in stock?');
await box.press('Enter');
await agent.typing(room._id, true);
await page.getByText(/is typing/).waitFor();
await shot(page, 'conversation-typing');
await agent.typing(room._id, false);
await agent.send(room._id, 'It is — 12 left in green.');

await page.route('**/api/v1/livechat/message', (r) => r.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ success: false, error: 'message-length-exceeds-character-limit' }) }));
await box.fill('This one will fail to send');
await box.press('Enter');
await page.getByText('Not sent.', { exact: false }).waitFor();
await shot(page, 'message-failed');
await page.unroute('**/api/v1/livechat/message');
await page.getByRole('button', { name: 'Retry' }).click();

await page.getByRole('button', { name: 'Chat options' }).click();
await shot(page, 'options-menu');
await page.getByRole('button', { name: 'Finish chat' }).click();
await shot(page, 'finish-confirm');
await page.getByRole('button', { name: 'Yes, finish chat' }).click();
await page.getByRole('heading', { name: 'Chat finished' }).waitFor();
await shot(page, 'ended-transcript-form');
await page.getByRole('textbox', { name: 'Email address' }).fill('not-an-email');
await page.getByRole('button', { name: 'Send transcript' }).click();
await shot(page, 'transcript-invalid-email');
await page.getByRole('textbox', { name: 'Email address' }).fill('jane@example.com');
await page.getByRole('button', { name: 'Send transcript' }).click();
await page.getByText('Transcript sent to').waitFor();
await shot(page, 'transcript-sent');
await context.close();

// The demo mailbox, showing the transcript email as the visitor receives it.
{
  const { context, page } = await newVisitor({ width: 1100, height: 860 });
  await page.goto(`${api}/demo/mailbox.html`);
  await page.getByText('Transcript of your livechat conversation').first().click();
  await page.waitForTimeout(500);
  await shot(page, 'mailbox-transcript');
  await context.close();
}

// Connection lost: sockets dropped and refused for a while.
{
  const { context, page } = await newVisitor();
  await page.goto(await hostPage('/screens/reconnect.html'));
  await page.getByRole('button', { name: /^Open chat/ }).click();
  await page.getByRole('textbox', { name: 'Message' }).fill('Hello?');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await roomOf(page);
  await page.waitForTimeout(500);
  await fetch(`${api}/_standin/realtime/drop`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refuseMs: 8000 }) });
  await page.getByText('Connection lost').waitFor();
  await shot(page, 'connection-lost');
  await context.close();
}

// Nobody available.
{
  await agent.goAvailable(false);
  const { context, page } = await newVisitor();
  await page.goto(await hostPage('/screens/offline.html'));
  await page.getByRole('button', { name: /^Open chat/ }).click();
  await page.waitForTimeout(800);
  await shot(page, 'offline');
  await context.close();
  await agent.goAvailable(true);
}

// Panel download fails.
{
  const { context, page } = await newVisitor();
  await page.route('**/widget-panel.js', (r) => r.abort('failed'));
  await page.goto(await hostPage('/screens/load-error.html'));
  await page.getByRole('button', { name: /^Open chat/ }).click();
  await page.getByRole('button', { name: /could not be loaded/ }).waitFor();
  await shot(page, 'panel-load-error');
  await context.close();
}

// A phone.
{
  const { context, page } = await newVisitor({ width: 390, height: 760 });
  await page.goto(await hostPage('/screens/phone.html'));
  await shot(page, 'phone-launcher');
  await page.getByRole('button', { name: /^Open chat/ }).click();
  await page.getByRole('textbox', { name: 'Message' }).fill('Hi from my phone');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  const r = await roomOf(page);
  await agent.send(r._id, 'Hi! How can I help?');
  await page.getByText('Hi! How can I help?').waitFor();
  await shot(page, 'phone-chat');
  await context.close();
}

// The pre-chat form (the site asks for name and email first).
{
  await agent.setSetting('Livechat_registration_form', true);
  const { context, page } = await newVisitor();
  await page.goto(await hostPage('/screens/prechat.html'));
  await page.getByRole('button', { name: /^Open chat/ }).click();
  await page.getByRole('button', { name: 'Start chat' }).waitFor();
  await shot(page, 'prechat-form');
  await page.getByRole('button', { name: 'Start chat' }).click();
  await shot(page, 'prechat-form-errors');
  await context.close();
  await agent.setSetting('Livechat_registration_form', false);
}

// Rich text from the agent, in Arabic (right to left).
{
  const { context, page } = await newVisitor();
  await page.goto(await hostPage('/screens/arabic.html', 'data-language="ar"'));
  await page.getByRole('button', { name: /^فتح|Open/ }).click();
  const box = page.getByRole('textbox').first();
  await box.fill('مرحبا، هل يمكنكم المساعدة؟');
  await box.press('Enter');
  const r = await roomOf(page);
  await agent.send(r._id, 'بالتأكيد! **رقم الطلب**: `A-1042` — التفاصيل: https://example.com/orders/1042');
  await page.getByText('A-1042').waitFor();
  await shot(page, 'arabic-rtl-markdown');
  await context.close();
}

// Markdown in English, and a long conversation read back (the window slid: "Jump to the newest").
{
  const { context, page } = await newVisitor();
  await page.goto(await hostPage('/screens/long.html'));
  await page.getByRole('button', { name: /^Open chat/ }).click();
  await page.getByRole('textbox', { name: 'Message' }).fill('Where is my order?');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  const r = await roomOf(page);
  await agent.send(r._id, 'Your order **#1042** shipped:\n- tracking: `1Z999`\n- carrier: _UPS_\nSee https://example.com/track');
  await page.getByText('1Z999').waitFor();
  await shot(page, 'markdown');
  for (let i = 1; i <= 200; i++) await agent.send(r._id, `Update ${i}: still checking.`);
  await page.getByText('Update 200: still checking.').waitFor();
  for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Load earlier messages' }).click();
  await agent.send(r._id, 'Found it!');
  await page.getByRole('button', { name: 'Jump to the newest messages' }).waitFor();
  await shot(page, 'long-conversation-reading-back');
  await context.close();
}

await browser.close();
agent.disconnect();
await stop();
await standin.close();
server.closeAllConnections();
server.close();
