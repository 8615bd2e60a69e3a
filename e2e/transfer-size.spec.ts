/**
 * Size budgets on what real Chromium downloads: the built widget served compressed from an origin of its
 * own (a CDN, as in production), at gzip level 6 (a common server default) and with brotli, counting the
 * encoded bytes of the widget's files the browser received, per step of a visit, on each backend. A
 * fresh browser context per visitor: nothing comes from the HTTP cache.
 *
 * (a) the launcher; (b) a first chat, up to the agent's first reply shown; (c) a returning visitor
 * opening their ongoing chat (a new session, the cache gone); (d) finishing that chat and emailing the
 * transcript (reported, no budget). Every step waits for the network to go quiet, so what it set off
 * (idle prefetches included) counts in it. The figures are printed as a table.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import WebSocket from 'ws';
import { CONNECT_ATTRS, ConnectAgent, ConnectWidget } from './connect-fixtures.ts';
import { EMBEDDED, expect, RC_URL, test, TestAgent, WidgetPage, type HostPage } from './fixtures.ts';

type Encoding = 'gzip' | 'br';
type Backend = 'Rocket.Chat' | 'Amazon Connect';
const KB = 1024;
/**
 * (a) is issue 14's goal, 4 KiB, met on 2026-12-01 (4,081 B at gzip 6, from 4,545): the loader carries
 * English only and a stub of the page API, whose words in other languages and implementation are files of
 * their own, fetched only by a page that needs them (scripts/check-size.ts says how). The others are
 * ceilings just above today's figures, so nothing grows unnoticed; issue 14's goals for (b) and (c), 35 KB,
 * are not met: see README, "What a visitor downloads". (b) and (c) carry ky (the HTTP layer the project
 * is built on, 3.3 KB) and every screen a first chat shows (not the markdown renderer nor the upload tray,
 * which wait until a message or a file needs them). (b) and (c) were lowered on 2026-12-01 (from 44 and 43.5,
 * before the loader's cut): on Rocket.Chat (b) 43.9 → 43.6 KiB and (c) 43.3 → 43.1 (the finish/transcript/
 * offline-message calls and the offline form's state load on use, error keys computed, three transcript
 * strings with the menu); on Amazon Connect (b) 43.7 → 42.7 and (c) 43.2 → 42.1 (no presence chunk where
 * the server hears of no presence). With the loader's cut too: Rocket.Chat (b) 43.2, (c) 42.7; Amazon
 * Connect (b) 42.2, (c) 41.7. The ceilings follow Rocket.Chat, the larger. Raised 0.2 KiB each on
 * 2026-12-02 (Rocket.Chat (b) 44,424 B) for fixes a visitor meets: a gap fill of 5 messages, not 50, on
 * every connect and poll; a resync no longer lost during a read; a chat no longer blocked by an email
 * address the page gave and the server refuses; focus back in the composer after a sheet.
 */
export const BUDGETS = { launcher: 4 * KB, firstChat: 43.5 * KB, returning: 43.0 * KB, goal: 35 * KB };

/** The built widget (dist/), compressed once per file and encoding, served as a CDN would. */
function cdn(): Promise<{ origin: (encoding: Encoding) => string; close: () => Promise<void> }> {
  const root = normalize('dist');
  const cache = new Map<string, Buffer>();
  const server: Server = createServer((req, res) => {
    const [, encoding, ...rest] = new URL(req.url ?? '/', 'http://cdn.test').pathname.split('/');
    const file = normalize(join(root, ...rest));
    if ((encoding !== 'gzip' && encoding !== 'br') || !file.startsWith(root) || extname(file) !== '.js' || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    const key = `${encoding}:${file}`;
    let body = cache.get(key);
    if (!body) {
      const raw = readFileSync(file);
      body = encoding === 'gzip' ? gzipSync(raw, { level: 6 }) : brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
      cache.set(key, body);
    }
    res.writeHead(200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Content-Encoding': encoding,
      'Content-Length': String(body.length),
      // The panel is a module script from another origin than the page's.
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'no-store',
    });
    res.end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      // Chromium takes brotli only from secure contexts: loopback is one (another origin than the page all the same).
      resolve({ origin: (encoding) => `http://127.0.0.1:${port}/${encoding}`, close: () => new Promise<void>((r) => server.close(() => r())) });
    }),
  );
}

/** The encoded bytes of every widget file a page receives from the CDN, taken step by step. */
class Meter {
  private files: { url: string; bytes: Promise<number> }[] = [];
  constructor(page: Page, origin: string) {
    page.on('requestfinished', (req) => {
      if (req.url().startsWith(origin)) this.files.push({ url: req.url(), bytes: req.sizes().then((s) => s.responseBodySize) });
    });
  }
  async take(): Promise<{ bytes: number; names: string[] }> {
    const step = this.files.splice(0);
    const sizes = await Promise.all(step.map((f) => f.bytes));
    return { bytes: sizes.reduce((a, b) => a + b, 0), names: step.map((f) => f.url.replace(/^.*\//, '').replace(/-[\w-]{6}\.js$/, '')) };
  }
}

const figures: string[] = [];
const kib = (n: number) => `${(n / KB).toFixed(1)} KiB`;
function record(backend: Backend, encoding: Encoding, step: string, m: { bytes: number; names: string[] }, visit: number): void {
  figures.push(`| ${backend} | ${encoding === 'gzip' ? 'gzip 6' : 'brotli'} | ${step} | ${kib(m.bytes)} | ${kib(visit)} | ${m.names.join(', ')} |`);
}

let server: Awaited<ReturnType<typeof cdn>>;
test.beforeAll(async () => {
  server = await cdn();
});
test.afterAll(async () => {
  await server?.close();
  console.log(
    `\nWhat Chromium downloads of the widget (encoded bytes, fresh cache; budgets: (a) ${kib(BUDGETS.launcher)}, (b) ${kib(BUDGETS.firstChat)}, (c) ${kib(BUDGETS.returning)} at gzip 6):\n` +
      `| backend | encoding | step | this step | visit so far | files |\n|---|---|---|---:|---:|---|\n${figures.join('\n')}`,
  );
});

function hostPage(origin: string, attrs: Record<string, string>): HostPage {
  const a = Object.entries({ 'data-server-url': RC_URL, ...attrs })
    .map(([k, v]) => ` ${k}="${v}"`)
    .join('');
  return { noWidget: true, body: `<script src="${origin}/widget.js"${a} async></script>` };
}

/** The agent's side of one visit, on either backend. */
interface Side {
  reply(widget: WidgetPage, text: string): Promise<void>;
  close(): void;
}

async function rocketChatSide(): Promise<Side> {
  const agent = new TestAgent(RC_URL, { WebSocket: WebSocket as unknown as typeof globalThis.WebSocket });
  await agent.login(process.env.RC_AGENT_USER ?? 'agent', process.env.RC_AGENT_PASSWORD ?? 'agent-pass');
  await agent.goAvailable();
  return {
    reply: async (widget, text) => void (await agent.send((await agent.roomOf(await widget.token()))._id, text)),
    close: () => agent.disconnect(),
  };
}

function connectSide(): Side {
  const agent = new ConnectAgent();
  return {
    reply: async (widget, text) => void (await (await agent.join(widget as ConnectWidget)).send(text, 'text/plain')),
    close: () => agent.close(),
  };
}

/** A new visitor session with the stored chat of `from` (its cache gone): localStorage, and sessionStorage for Connect. */
async function returningContext(browser: Browser, from: Page): Promise<BrowserContext> {
  const session = await from.evaluate(() => Object.entries(sessionStorage));
  const context = await browser.newContext({ storageState: await from.context().storageState() });
  await context.addInitScript((entries: [string, string][]) => {
    if (sessionStorage.length === 0) for (const [k, v] of entries) sessionStorage.setItem(k, v);
  }, session);
  return context;
}

for (const backend of ['Rocket.Chat', 'Amazon Connect'] as const) {
  for (const encoding of ['gzip', 'br'] as const) {
    test(`${backend}, ${encoding === 'gzip' ? 'gzip 6' : 'brotli'}: what a visit downloads`, async ({ browser }) => {
      test.skip(!EMBEDDED && backend === 'Amazon Connect', 'the Connect stand-in is the embedded server');
      const origin = server.origin(encoding);
      const attrs = backend === 'Amazon Connect' ? CONNECT_ATTRS : {};
      const make = (p: Page) => (backend === 'Amazon Connect' ? new ConnectWidget(p) : new WidgetPage(p));
      const side = backend === 'Amazon Connect' ? connectSide() : await rocketChatSide();
      const contexts: BrowserContext[] = [];
      try {
        // (a) and (b): a first visit.
        const first = await browser.newContext();
        contexts.push(first);
        const p1 = await first.newPage();
        const meter1 = new Meter(p1, origin);
        const w1 = make(p1);
        await w1.goto(hostPage(origin, attrs));
        await expect(w1.launcher()).toBeVisible();
        await p1.waitForLoadState('networkidle');
        const a = await meter1.take();
        record(backend, encoding, '(a) launcher shown', a, a.bytes);
        expect(a.bytes, '(a) the launcher').toBeLessThanOrEqual(BUDGETS.launcher);

        await w1.open();
        await w1.send('Hello, is this in stock?');
        await side.reply(w1, 'Yes, it is.');
        await expect(w1.message('Yes, it is.')).toBeVisible();
        await p1.waitForLoadState('networkidle');
        const b = await meter1.take();
        record(backend, encoding, '(b) first chat, to the first reply', b, a.bytes + b.bytes);
        if (encoding === 'gzip') expect(a.bytes + b.bytes, '(b) a first chat').toBeLessThanOrEqual(BUDGETS.firstChat);
        // Closed, as a visitor who moves on leaves it: the next visit opens it with a click.
        await w1.page.getByRole('button', { name: 'Minimize chat' }).click();

        // (c) and (d): the same visitor comes back, the cache gone, and opens the ongoing chat.
        const second = await returningContext(browser, p1);
        contexts.push(second);
        const p2 = await second.newPage();
        const meter2 = new Meter(p2, origin);
        const w2 = make(p2);
        await w2.goto(hostPage(origin, attrs));
        await w2.open();
        await expect(w2.message('Yes, it is.')).toBeVisible();
        await p2.waitForLoadState('networkidle');
        const c = await meter2.take();
        record(backend, encoding, '(c) returning visitor opens the chat', c, c.bytes);
        if (encoding === 'gzip') expect(c.bytes, '(c) a returning visitor').toBeLessThanOrEqual(BUDGETS.returning);
        // Focus moved into the panel by itself: no options menu fetched for it.
        expect(c.names, 'the options menu waits for the visitor').not.toContain('options-menu');
        // Plain sentences and no file: no markdown renderer, no upload tray with its state, texts and rules.
        const unneeded = (m: { names: string[] }) => m.names.filter((n) => /^(markdown|uploads|kept-files|upload-rules|file-size)$/.test(n));
        expect(unneeded(b), '(b) fetches only what a plain first chat shows').toEqual([]);
        expect(unneeded(c), '(c) fetches only what the ongoing chat shows').toEqual([]);
        // Presence (away status, page visits) where the server hears of it: Rocket.Chat, not Amazon Connect.
        for (const [step, m] of [['(b)', b], ['(c)', c]] as const) {
          if (backend === 'Rocket.Chat') expect(m.names, `${step} reports presence to Rocket.Chat`).toContain('presence');
          else expect(m.names, `${step} has no presence to report to Amazon Connect`).not.toContain('presence');
        }

        await w2.finish();
        const email = `transfer-${Date.now()}@example.com`;
        await p2.getByRole('textbox', { name: 'Email address' }).fill(email);
        await p2.getByRole('button', { name: 'Send transcript' }).click();
        await expect(p2.getByRole('status').filter({ hasText: `Transcript sent to ${email}` })).toBeVisible();
        await p2.waitForLoadState('networkidle');
        const d = await meter2.take();
        record(backend, encoding, '(d) finish and email the transcript', d, c.bytes + d.bytes);
        // Finishing and the transcript on Rocket.Chat: their calls' small chunk, not the other extras.
        if (backend === 'Rocket.Chat') {
          expect(d.names, '(d) fetches the ending calls').toContain('ending');
          expect(d.names, '(d) fetches none of the other extras').not.toContain('visitor-extras');
        }
      } finally {
        side.close();
        for (const c of contexts) await c.close();
      }
    });
  }
}
