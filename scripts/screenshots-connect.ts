/**
 * `npx tsx scripts/screenshots-connect.ts [outDir]` — needs `npm run build` first. The widget on Amazon
 * Connect (the stand-in and the reference start-chat backend, serving dist/), each screen on a desktop
 * and on a 390×844 phone, plus the agent console's Connect side: a PNG each (default /tmp/connect-screens).
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { ConnectAgentClient, type AgentSession } from '../src/shared/amazon-connect/agent-client.ts';
import { createStandin } from '../src/server/app.ts';
import { startCompanions } from '../src/server/companions.ts';
import { notFound, serveStatic } from '../src/server/http/static.ts';
import { profile } from '../src/server/profiles.ts';

const out = process.argv[2] ?? '/tmp/connect-screens';
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
const agents = new ConnectAgentClient(api, { WebSocket: WebSocket as unknown as new (url: string) => globalThis.WebSocket });

async function hostPage(path: string, lang = 'en'): Promise<string> {
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title>
<link rel="stylesheet" href="/demo/site.css"></head><body><header class="site-header"><a class="brand" href="/">Acme Outdoor Gear</a></header>
<main><section class="hero"><h1>Gear for every trail</h1><p>A customer page with the chat widget, on Amazon Connect.</p></section></main>
<script src="${site}/widget.js" data-backend="amazon-connect" data-start-chat-url="${api}/connect-backend/start-chat" data-participant-endpoint="${api}" data-region="us-east-1" data-title="Acme Support" async></script></body></html>`;
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
  // Let transitions and lazy chunks settle: a screenshot script, not a test.
  await page.waitForTimeout(400);
  await page.screenshot({ path: file });
  console.log(file);
}

async function contactOf(page: Page): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const id = await page.evaluate(() => (window as unknown as { RocketChat: { livechat: { getState(): { roomId?: string } } } }).RocketChat.livechat.getState().roomId);
    if (id && (await agents.contacts('waiting')).some((c) => c.ContactId === id)) return id;
    await page.waitForTimeout(100);
  }
  throw new Error('no contact');
}

/** A file the agent sends, as CCP does (StartAttachmentUpload, PUT, CompleteAttachmentUpload). */
async function sendFile(ana: AgentSession, name: string, body: string): Promise<void> {
  const up = await agents.participant.startAttachmentUpload(ana.connectionToken, { ContentType: 'application/pdf', AttachmentName: name, AttachmentSizeInBytes: body.length });
  await fetch(up.UploadMetadata!.Url!, { method: 'PUT', headers: up.UploadMetadata!.HeadersToInclude ?? {}, body });
  await agents.participant.completeAttachmentUpload(ana.connectionToken, { AttachmentIds: [up.AttachmentId!] });
}

async function visitor(viewport: { width: number; height: number }, label: string, lang = 'en') {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  // A bot's list picker in the first transcript page (the stand-in runs no Lex bot).
  const picker = { templateType: 'ListPicker', version: '1.0', data: { content: { title: 'Which store is nearest?', elements: [{ title: 'Lisbon', subtitle: 'Open today until 20:00' }, { title: 'Porto', subtitle: 'Open today until 19:00' }] } } };
  let injected = false;
  await page.route('**/participant/transcript', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { Transcript?: Record<string, unknown>[] };
    if (!injected && body.Transcript?.length) {
      injected = true;
      body.Transcript.push({ Id: `bot-${label}`, Type: 'MESSAGE', ContentType: 'application/vnd.amazonaws.connect.message.interactive', Content: JSON.stringify(picker), ParticipantId: 'bot', DisplayName: 'Store bot', ParticipantRole: 'CUSTOM_BOT', AbsoluteTime: new Date().toISOString() });
    }
    await route.fulfill({ response, json: body });
  });
  await page.goto(await hostPage(`/screens/connect-${label}.html`, lang));
  return { context, page };
}

for (const [label, viewport] of [
  ['desktop', { width: 1100, height: 760 }],
  ['phone', { width: 390, height: 844 }],
] as const) {
  const { context, page } = await visitor(viewport, label);
  await page.getByRole('button', { name: /^Open chat/ }).waitFor();
  await shot(page, `${label}-launcher`);
  await page.getByRole('button', { name: /^Open chat/ }).click();
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.waitFor();
  await shot(page, `${label}-empty`);
  await box.fill('Hi! Do you ship **tents** to Lisbon?');
  await box.press('Enter');
  const id = await contactOf(page);
  const ana = await agents.accept(id, 'Ana');
  await ana.send('Hello! Yes — delivery to Portugal takes **3–5 days**. See https://example.com/shipping', 'text/markdown');
  await page.getByText('delivery to Portugal').waitFor();
  const mine = (await ana.transcript()).Transcript!.find((i) => i.ParticipantRole === 'CUSTOMER' && i.Type === 'MESSAGE')!;
  await ana.delivered(mine.Id!);
  await page.getByRole('button', { name: /Lisbon/ }).waitFor();
  await shot(page, `${label}-choices-delivered`);
  await page.getByRole('button', { name: /Lisbon/ }).click();
  await box.fill('Great, and is the Ridge 2 in stock?');
  await box.press('Enter');
  await page.getByText('Ridge 2').waitFor();
  const second = (await ana.transcript()).Transcript!.find((i) => i.Content === 'Great, and is the Ridge 2 in stock?')!;
  await ana.read(second.Id!);
  await sendFile(ana, 'ridge-2-datasheet.pdf', '%PDF-1.4 demo');
  await page.getByRole('link', { name: /ridge-2-datasheet\.pdf/ }).waitFor();
  await ana.typing();
  await page.getByText('Ana is typing…').waitFor();
  await shot(page, `${label}-conversation-read-file-typing`);

  await page.getByRole('button', { name: 'Chat options' }).click();
  await shot(page, `${label}-options`);
  await page.getByRole('button', { name: 'Finish chat' }).click();
  await shot(page, `${label}-finish-confirm`);
  await page.getByRole('button', { name: 'Yes, finish chat' }).click();
  await page.getByRole('heading', { name: 'Chat finished' }).waitFor();
  await shot(page, `${label}-ended`);
  await page.getByRole('textbox', { name: 'Email address' }).fill(`${label}@example.com`);
  await page.getByRole('button', { name: 'Send transcript' }).click();
  await page.getByText('Transcript sent to').waitFor();
  await shot(page, `${label}-transcript-sent`);
  ana.close();
  await context.close();
}

// Trouble: the connection lost while the stand-in is down, and a message that could not be sent.
{
  const { context, page } = await visitor({ width: 1100, height: 760 }, 'trouble');
  await page.getByRole('button', { name: /^Open chat/ }).click();
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('Hello?');
  await box.press('Enter');
  const id = await contactOf(page);
  const ana = await agents.accept(id, 'Ana');
  await ana.send('Hi, I am here.');
  await page.getByText('Hi, I am here.').waitFor();
  await page.route('**/participant/message', (r) => r.fulfill({ status: 402, headers: { 'x-amzn-errortype': 'ServiceQuotaExceededException' }, contentType: 'application/json', body: '{"message":"Too many"}' }));
  await box.fill('This one reaches a quota');
  await box.press('Enter');
  await page.getByText('Not sent', { exact: false }).first().waitFor();
  await shot(page, 'trouble-quota');
  await page.unroute('**/participant/message');
  standin.connect!.transport.dropAll(4_000);
  await page.getByText('Connection lost').waitFor();
  await shot(page, 'trouble-connection-lost');
  await page.getByText('Connection lost').waitFor({ state: 'hidden', timeout: 30_000 });
  ana.close();
  await context.close();
}

// Arabic, right to left.
{
  const { context, page } = await visitor({ width: 390, height: 844 }, 'arabic', 'ar');
  await page.getByRole('button', { name: /فتح الدردشة/ }).click();
  const box = page.getByRole('textbox');
  await box.waitFor();
  await box.fill('مرحبا، هل تشحنون إلى لشبونة؟');
  await box.press('Enter');
  const id = await contactOf(page);
  const ana = await agents.accept(id, 'Ana');
  await ana.send('نعم، التوصيل خلال 3 إلى 5 أيام.');
  await page.getByText('التوصيل').waitFor();
  await shot(page, 'arabic-phone');
  ana.close();
  await context.close();
}

// The agent console's Connect side, with a waiting chat and an accepted one.
{
  const { context, page } = await visitor({ width: 1100, height: 760 }, 'console-customer');
  await page.getByRole('button', { name: /^Open chat/ }).click();
  await page.getByRole('textbox', { name: 'Message' }).fill('Is anyone there? I would like to change my delivery address.');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await contactOf(page);
  for (const viewport of [
    { width: 1200, height: 800 },
    { width: 390, height: 844 },
  ]) {
    const c = await browser.newContext({ viewport });
    const p = await c.newPage();
    await p.goto(`${api}/demo/agent.html`);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { name: /Amazon Connect chats/ }).waitFor();
    await p.getByRole('navigation', { name: /Amazon Connect chats/ }).getByRole('button').first().click();
    await shot(p, `console-connect-selected-${viewport.width}`);
    // The first console accepts and replies; the second (another browser) sees it is taken.
    const accept = p.getByRole('button', { name: 'Accept chat' });
    if (await accept.isVisible()) {
      await accept.click();
      await p.getByRole('textbox', { name: 'Reply' }).fill('Of course — what is the new address?');
      await p.getByRole('button', { name: 'Send' }).click();
      await page.getByText('what is the new address').waitFor();
      await shot(p, `console-connect-${viewport.width}`);
    }
    await c.close();
  }
  await context.close();
}

await browser.close();
await stop();
await standin.close();
server.close();
