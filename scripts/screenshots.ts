/**
 * `npx tsx scripts/screenshots.ts [outDir]` — needs `npm run build` first. Starts a stand-in serving dist/,
 * drives headless Chromium through every widget screen at desktop and phone size (390×844), light and
 * dark, English and Arabic, and saves a PNG of each (default /tmp/widget-screens), plus one contact sheet
 * per screen (sheets/) with its eight variants side by side, so a person can look at what the widget shows.
 * Also the demo pages (agent console, mailbox, settings). It only takes pictures: it asserts nothing.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { AgentClient } from '../src/shared/rocketchat/agent-client.ts';
import { createStandin } from '../src/server/app.ts';
import { startCompanions } from '../src/server/companions.ts';
import { notFound, serveStatic } from '../src/server/http/static.ts';
import { profile } from '../src/server/profiles.ts';
import { en } from '../src/widget/i18n/en.ts';
import { enAttach } from '../src/widget/i18n/en-attach.ts';
import { enExtras } from '../src/widget/i18n/en-extras.ts';
import { enForms } from '../src/widget/i18n/en-forms.ts';
import { enTrouble } from '../src/widget/i18n/en-trouble.ts';
import { messages as arMessages } from '../src/widget/i18n/locales/ar.ts';

const out = process.argv[2] ?? '/tmp/widget-screens';
mkdirSync(`${out}/sheets`, { recursive: true });

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

type Lang = 'en' | 'ar';
type Theme = 'light' | 'dark';
type Size = 'desktop' | 'phone';
interface Variant {
  size: Size;
  theme: Theme;
  lang: Lang;
}
const VARIANTS: Variant[] = (['desktop', 'phone'] as const).flatMap((size) =>
  (['light', 'dark'] as const).flatMap((theme) => (['en', 'ar'] as const).map((lang) => ({ size, theme, lang }))),
);
const tag = (v: Variant) => `${v.size}-${v.theme}-${v.lang}`;
const english = { ...en, ...enForms, ...enTrouble, ...enExtras, ...enAttach } as Record<string, string>;
/** A UI string by key; a key that names nothing is a mistake here, not a button to guess. */
const S = (v: Variant, key: string) => {
  const s = (v.lang === 'ar' ? (arMessages as Record<string, string>) : english)[key];
  if (!s) throw new Error(`no string ${key}`);
  return s;
};
const OPEN = { en: 'Open chat', ar: 'فتح الدردشة' };

async function hostPage(path: string, v: Variant, attrs = ''): Promise<string> {
  const html = `<!doctype html><html lang="${v.lang}"${v.lang === 'ar' ? ' dir="rtl"' : ''}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title>
<link rel="stylesheet" href="/demo/site.css"></head><body><header class="site-header"><a class="brand" href="/">Acme Outdoor Gear</a></header>
<main><section class="hero"><h1>Gear for every trail</h1><p>A customer page with the chat widget.</p></section></main>
<script src="${site}/widget.js" data-server-url="${api}" ${attrs} async></script></body></html>`;
  await fetch(`${api}/_standin/pages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ path, html }) });
  return `${site}${path}`;
}

const browser: Browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--host-resolver-rules=MAP *.test 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
});

/** Screen name → the files of its variants, for the contact sheets. */
const shots = new Map<string, string[]>();
async function shot(page: Page, name: string, v?: Variant): Promise<void> {
  const file = `${out}/${name}${v ? `--${tag(v)}` : ''}.png`;
  // Let transitions and lazily loaded chunks settle; this script only takes pictures.
  await page.waitForTimeout(250);
  await page.screenshot({ path: file });
  shots.set(name, [...(shots.get(name) ?? []), file]);
  console.log(file);
}

async function visitor(v: Variant) {
  const viewport = v.size === 'phone' ? { width: 390, height: 844 } : { width: 1100, height: 760 };
  const context = await browser.newContext({ viewport, colorScheme: v.theme, ...(v.size === 'phone' ? { isMobile: true, hasTouch: true } : {}) });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return { context, page };
}

/** Wait until the server has the visitor's message, so the agent's reply comes after it. */
async function stored(page: Page, rid: string, text: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const room = (await agent.rooms()).find((r) => r._id === rid);
    if (room && (await agent.history(room, 20)).some((m) => m.msg === text)) return;
    await page.waitForTimeout(100);
  }
}

async function roomOf(page: Page) {
  const token = await page.evaluate(() => (window as unknown as { RocketChat: { livechat: { getVisitorToken(): string } } }).RocketChat.livechat.getVisitorToken());
  for (let i = 0; i < 100; i++) {
    const room = (await agent.rooms()).find((r) => r.v.token === token);
    if (room) return room;
    await page.waitForTimeout(100);
  }
  throw new Error('no room');
}

const lines = {
  en: {
    hello: 'Hi! Do you ship tents to Lisbon?',
    reply1: 'Hello! Yes, we ship to Portugal.',
    reply2: 'Delivery takes **3–5 days**:\n- tracking by email\n- free over €50\nDetails: https://example.com/shipping',
    again: 'Great, and is the Ridge 2 in stock?',
    fail: 'This one will not be sent',
  },
  ar: {
    hello: 'مرحبا، هل تشحنون الخيام إلى لشبونة؟',
    reply1: 'أهلاً! نعم، نشحن إلى البرتغال.',
    reply2: 'يستغرق التوصيل **3–5 أيام**:\n- تتبع عبر البريد\n- مجاني فوق 50 يورو\nالتفاصيل: https://example.com/shipping',
    again: 'رائع، وهل خيمة Ridge 2 متوفرة؟',
    fail: 'هذه الرسالة لن تُرسل',
  },
};

/** The main path: launcher, empty panel, a conversation, a failed message, the menu, finishing, the end. */
async function mainFlow(v: Variant): Promise<void> {
  const { context, page } = await visitor(v);
  const l = lines[v.lang];
  await page.goto(await hostPage(`/screens/main-${tag(v)}.html`, v, `data-language="${v.lang}"`));
  const launcher = page.getByRole('button', { name: new RegExp(`^${OPEN[v.lang]}`) });
  await launcher.waitFor();
  await shot(page, '01-launcher', v);
  await launcher.click();
  const box = page.getByRole('textbox', { name: S(v, 'composer.label') });
  await box.waitFor();
  await shot(page, '02-panel-empty', v);

  await box.fill(l.hello);
  await box.press('Enter');
  const room = await roomOf(page);
  await stored(page, room._id, l.hello);
  await agent.send(room._id, l.reply1);
  await agent.send(room._id, l.reply2);
  await page.getByText('example.com/shipping').waitFor();
  await box.fill(l.again);
  await box.press('Enter');
  await agent.typing(room._id, true);
  await page.getByRole('status').filter({ hasText: /…/ }).first().waitFor();
  await shot(page, '03-conversation-typing', v);
  await agent.typing(room._id, false);

  await page.route('**/api/v1/livechat/message', (r) => r.fulfill({ status: 500, contentType: 'application/json', body: '{"success":false,"error":"Internal server error"}' }));
  await box.fill(l.fail);
  await box.press('Enter');
  await page.getByRole('button', { name: S(v, 'message.retry') }).waitFor();
  await shot(page, '04-message-failed', v);
  await page.unroute('**/api/v1/livechat/message');
  await page.getByRole('button', { name: S(v, 'message.retry') }).click();

  await page.getByRole('button', { name: S(v, 'panel.options') }).click();
  await page.getByRole('button', { name: S(v, 'finish.open') }).waitFor();
  // Keyboard focus on an item, to show the focus ring.
  await page.keyboard.press('Tab');
  await shot(page, '05-options-menu', v);
  await page.getByRole('button', { name: S(v, 'finish.open') }).click();
  await page.getByRole('button', { name: S(v, 'finish.confirm') }).waitFor();
  await shot(page, '06-finish-confirm', v);
  await page.getByRole('button', { name: S(v, 'finish.confirm') }).click();
  await page.getByRole('heading', { name: S(v, 'ended.title') }).waitFor();
  await shot(page, '07-ended', v);
  await page.getByRole('textbox', { name: S(v, 'transcript.email') }).fill('not-an-email');
  await page.getByRole('button', { name: S(v, 'transcript.submit') }).click();
  await shot(page, '08-ended-email-error', v);
  await page.getByRole('textbox', { name: S(v, 'transcript.email') }).fill('jane@example.com');
  await page.getByRole('button', { name: S(v, 'transcript.submit') }).click();
  await page.getByRole('status').filter({ hasText: 'jane@example.com' }).waitFor();
  await shot(page, '09-transcript-sent', v);
  await context.close();
}

async function simpleScreen(name: string, v: Variant, attrs: string, ready: (page: Page) => Promise<void>, before?: (page: Page) => Promise<void>) {
  const { context, page } = await visitor(v);
  await before?.(page);
  await page.goto(await hostPage(`/screens/${name}-${tag(v)}.html`, v, `data-language="${v.lang}" ${attrs}`));
  await page.getByRole('button', { name: new RegExp(`^${OPEN[v.lang]}`) }).click();
  await ready(page);
  await shot(page, name, v);
  return { context, page };
}

for (const v of VARIANTS) await mainFlow(v);

// The registration form, asked for before the first message, with its errors.
await agent.setSetting('Livechat_registration_form', true);
for (const v of VARIANTS) {
  const { context, page } = await simpleScreen('10-prechat-form', v, '', (p) => p.getByRole('button', { name: S(v, 'prechat.submit') }).waitFor());
  await page.getByRole('button', { name: S(v, 'prechat.submit') }).click();
  await shot(page, '11-prechat-errors', v);
  await context.close();
}
await agent.setSetting('Livechat_registration_form', false);

// Nobody available: the offline form.
await agent.goAvailable(false);
for (const v of VARIANTS) {
  const { context } = await simpleScreen('12-offline-form', v, '', (p) => p.getByRole('button', { name: S(v, 'offline.submit') }).waitFor());
  await context.close();
}
await agent.goAvailable(true);

// Connection lost while chatting.
for (const v of VARIANTS) {
  const { context, page } = await visitor(v);
  await page.goto(await hostPage(`/screens/reconnect-${tag(v)}.html`, v, `data-language="${v.lang}"`));
  await page.getByRole('button', { name: new RegExp(`^${OPEN[v.lang]}`) }).click();
  const box = page.getByRole('textbox', { name: S(v, 'composer.label') });
  await box.fill(lines[v.lang].hello);
  await box.press('Enter');
  await roomOf(page);
  await page.waitForTimeout(400);
  await fetch(`${api}/_standin/realtime/drop`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refuseMs: 8000 }) });
  await page.locator('.status--visible').waitFor();
  await shot(page, '13-connection-lost', v);
  await context.close();
}

// The panel cannot be downloaded.
for (const v of VARIANTS) {
  const { context, page } = await visitor(v);
  await page.route('**/widget-panel-*.js', (r) => r.abort('failed'));
  await page.goto(await hostPage(`/screens/load-error-${tag(v)}.html`, v, `data-language="${v.lang}"`));
  await page.getByRole('button', { name: new RegExp(`^${OPEN[v.lang]}`) }).click();
  await page.getByRole('button', { name: /could not be loaded|تعذر تحميل/ }).waitFor();
  await shot(page, '14-panel-load-error', v);
  await context.close();
}

// A long conversation, read back: the window slid and "Jump to the newest messages" floats.
for (const v of VARIANTS) {
  const { context, page } = await visitor(v);
  await page.goto(await hostPage(`/screens/long-${tag(v)}.html`, v, `data-language="${v.lang}"`));
  await page.getByRole('button', { name: new RegExp(`^${OPEN[v.lang]}`) }).click();
  const box = page.getByRole('textbox', { name: S(v, 'composer.label') });
  await box.fill(lines[v.lang].hello);
  await box.press('Enter');
  const r = await roomOf(page);
  for (let i = 1; i <= 160; i++) await agent.send(r._id, `${v.lang === 'ar' ? 'تحديث' : 'Update'} ${i}`);
  await page.getByText(v.lang === 'ar' ? 'تحديث 160' : 'Update 160', { exact: true }).waitFor();
  // Read back: scroll to the top a few times (each slides the window towards older messages).
  for (let i = 0; i < 3; i++) {
    await page.locator('.log-scroller').evaluate((el) => el.scrollTo(0, 0));
    await page.waitForTimeout(300);
  }
  await agent.send(r._id, v.lang === 'ar' ? 'وجدته!' : 'Found it!');
  await page.getByRole('button', { name: S(v, 'log.jumpToLatest') }).waitFor();
  await shot(page, '15-long-conversation-reading-back', v);
  await context.close();
}

// The demo pages (English only: they are the demo's, not the widget's).
for (const v of VARIANTS.filter((x) => x.lang === 'en')) {
  const { context, page } = await visitor(v);
  await page.goto(`${api}/demo/settings.html`);
  await page.getByRole('switch').first().waitFor();
  await shot(page, '20-demo-settings', v);
  await page.goto(`${api}/demo/mailbox.html`);
  await page.getByText('Transcript of your livechat conversation').first().click();
  await shot(page, '21-demo-mailbox-transcript', v);
  await page.goto(`${api}/demo/agent.html`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: /Open chats/ }).waitFor();
  await shot(page, '22-demo-agent-console', v);
  await context.close();
}

// One contact sheet per screen: its variants side by side.
{
  const page = await browser.newPage({ viewport: { width: 2400, height: 1200 } });
  for (const [name, list] of shots) {
    const cells = list
      .map((f) => `<figure><img src="data:image/png;base64,${readFileSync(f).toString('base64')}"><figcaption>${f.split('--')[1]?.replace('.png', '') ?? ''}</figcaption></figure>`)
      .join('');
    await page.setContent(`<style>body{margin:8px;font:14px sans-serif;background:#888}main{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-start}
figure{margin:0;background:#fff;padding:4px}img{display:block;height:520px}figcaption{padding:2px}</style><h1>${name}</h1><main>${cells}</main>`);
    await page.screenshot({ path: `${out}/sheets/${name}.png`, fullPage: true });
  }
  await page.close();
}

await browser.close();
agent.disconnect();
await stop();
await standin.close();
server.closeAllConnections();
server.close();
