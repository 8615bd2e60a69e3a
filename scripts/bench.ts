/**
 * `npm run bench` (after `npm run build`): measures the widget's performance budgets against the real
 * build and the real stand-in, in headless Chromium, and prints one Markdown table with the budget and
 * ok / OVER beside each figure. A benchmark, not a test: it exits 0 whatever the figures are, and 1 only
 * when a measurement could not be taken.
 *
 * 1. sizes (gzip) from check-size.ts; 2. the launcher alone fetches no panel; 3. what the script tag
 * costs a blank host page at load; 4. a 5,000-message conversation: open, load all, scroll jank;
 * 5. JS heap along the way; 6. send→display latency, by running scripts/latency.ts.
 * The machine is noisy: timings are medians over N runs, and N is printed.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { createStandin, type Standin } from '../src/server/app.ts';
import { notFound, serveStatic } from '../src/server/http/static.ts';
import { profile } from '../src/server/profiles.ts';
import { AgentClient } from '../src/shared/rocketchat/agent-client.ts';
import type { WireRoom } from '../src/shared/rocketchat/wire.ts';
import { startChat } from './bench-room.ts';
import { armOpenProbe, forgetRoom, installProbes, NAME_SHIM, type BenchWindow, type LongTask } from './bench-probes.ts';
import { BUDGETS, measure } from './check-size.ts';

const LOAD_RUNS = 15; // per variant, alternating with / without the widget
const OPEN_RUNS = 5; // per variant (panel prefetched or not)
const HISTORY = Number(process.env.BENCH_HISTORY ?? 5_000);
const SEED_IN_FLIGHT = 20;
/** A fast fling: about 24,000 px a second at 60 frames a second. */
const SCROLL_PX_PER_FRAME = 400;
/** How long a click may take to show the newest message before we call it "not shown". */
const OPEN_TIMEOUT_MS = 5_000;
const FIRST_TEXT = 'bench-first';
const NEWEST_TEXT = 'bench-newest';
/** Rocket.Chat's official widget 1.13.3 before its launcher shows, in KiB (issue 14: 481 KiB; the anchors study's "491 KB" mixed units). */
const OFFICIAL_WIDGET_GZIP_KB = 481;
/** A hang must not keep the machine busy: the whole run normally takes about a minute. */
const WATCHDOG_MS = 6 * 60_000;

// ---- the table ---------------------------------------------------------------------------------------

type Status = 'ok' | 'OVER' | 'ref' | '';
interface Row {
  section: string;
  what: string;
  value: string;
  budget: string;
  status: Status;
}
const rows: Row[] = [];
const notes: string[] = [];
const row = (section: string, what: string, value: string, budget = '—', status: Status = '') => rows.push({ section, what, value, budget, status });
const verdict = (ok: boolean): Status => (ok ? 'ok' : 'OVER');

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function median(samples: readonly number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
const max = (samples: readonly number[]) => (samples.length ? Math.max(...samples) : 0);

function printTable(): void {
  console.log('| section | measure | value | budget | |\n|---|---|---:|---:|---|');
  for (const r of rows) console.log(`| ${r.section} | ${r.what} | ${r.value} | ${r.budget} | ${r.status} |`);
  if (notes.length) console.log(`\n${notes.map((n) => `- ${n}`).join('\n')}`);
}

// ---- in-page probes (serialised into the page: they may only use what they declare) -------------------

/** The widget's shadow root, its log list and the log's scrollable ancestor. */
function widgetParts() {
  const root = document.querySelector('[data-rocketchat-widget]')?.shadowRoot;
  const log = root?.querySelector('[role="log"]');
  const list = log?.querySelector('ol');
  let scroller = log?.parentElement ?? null;
  while (scroller && !/(auto|scroll)/.test(getComputedStyle(scroller).overflowY)) scroller = scroller.parentElement;
  if (!root || !log || !list || !scroller) throw new Error('widget log not found');
  return { root, log, list, scroller };
}
const WIDGET_PARTS = `const widgetParts = ${widgetParts.toString()};`;

// ---- the stand-in, the browser and host pages --------------------------------------------------------

interface Stack {
  api: string;
  site: string;
  browser: Browser;
  agent: AgentClient;
  /** Registers a blank customer page (optionally with the widget's script tag); returns its URL. */
  hostPage(path: string, withWidget: boolean): Promise<string>;
  close(): Promise<void>;
}

async function startStack(distDir: string): Promise<Stack> {
  const standin: Standin = createStandin(profile('test'));
  const files = serveStatic(distDir);
  const server: Server = createServer((req, res) => standin.handle(req, res, () => void files(req, res).catch(() => notFound(res))));
  standin.attach(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The customer's site is another origin than the chat server, as in production.
  const site = api.replace('127.0.0.1', 'site.test');
  const agent = new AgentClient(api);
  await agent.login('agent', 'agent-pass');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--host-resolver-rules=MAP *.test 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
  });
  return {
    api,
    site,
    browser,
    agent,
    async hostPage(path, withWidget) {
      const tag = withWidget ? `<script src="${site}/widget.js" data-server-url="${api}" async></script>` : '';
      const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blank host page</title></head><body><p>A customer page.</p>${tag}</body></html>`;
      const res = await fetch(`${api}/_standin/pages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ path, html }) });
      if (!res.ok) throw new Error(`could not register ${path}: HTTP ${res.status}`);
      return `${site}${path}`;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await agent.logout().catch(() => undefined);
      await standin.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** A fresh context (empty cache) with the probes installed; optionally a returning visitor's storage. */
async function newVisitor(browser: Browser, options: { storageState?: StorageState; forgetRoom?: boolean } = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 760 }, ...(options.storageState ? { storageState: options.storageState } : {}) });
  await context.addInitScript({ content: NAME_SHIM });
  await context.addInitScript(installProbes);
  if (options.forgetRoom) await context.addInitScript(forgetRoom);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return { context, page };
}

const launcherOf = (page: Page) => page.getByRole('button', { name: /^Open chat/ });
const benchState = (page: Page) => page.evaluate(() => (window as unknown as BenchWindow).__bench);
/** Long-animation-frame script entries may have no URL (inline or injected code): never the widget. */
const isWidgetFile = (url: string) => URL.canParse(url) && /\/widget(\.js|-panel\.js|-chunks\/)/.test(new URL(url).pathname);

// ---- 1. sizes ----------------------------------------------------------------------------------------

function sizes(distDir: string): void {
  const m = measure();
  row('1 size', 'loader `widget.js` (gzip), launcher shown', kb(m.loader), kb(BUDGETS.loader), verdict(m.loader <= BUDGETS.loader));
  row('1 size', 'open chat on Rocket.Chat: loader + widget-panel.js (adapter inside) + its static imports (gzip)', kb(m.rocketchat.total), kb(BUDGETS.openChat), verdict(m.rocketchat.total <= BUDGETS.openChat));
  row('1 size', 'open chat on Amazon Connect: loader + widget-panel-connect.js + the adapter chunk + their static imports (gzip)', kb(m.connect.total), kb(BUDGETS.openChat), verdict(m.connect.total <= BUDGETS.openChat));
  row('1 size', 'Amazon Connect adapter chunk (gzip)', kb(m.connect.backendChunk), kb(BUDGETS.connectChunk), verdict(m.connect.backendChunk <= BUDGETS.connectChunk));
  const staticFiles = new Set([...m.rocketchat.files, ...m.connect.files].map((f) => f.replace(/^dist\//, '')));
  // The Rocket.Chat panel's chunks, then the Connect panel's (the same screens, built again with its own panel).
  for (const [dir, backend] of [
    ['widget-chunks', 'Rocket.Chat'],
    ['widget-connect', 'Amazon Connect'],
  ] as const) {
    for (const name of readdirSync(join(distDir, dir)).sort()) {
      if (staticFiles.has(`${dir}/${name}`)) continue;
      const gz = gzipSync(readFileSync(join(distDir, dir, name)), { level: 9 }).length;
      row('1 size', `lazy chunk \`${name.replace(/-[\w-]{6}\.js$/, '')}\` (${backend} panel, gzip)`, kb(gz));
    }
  }
  row('1 size', 'reference: Rocket.Chat official widget before its launcher shows (gzip, anchors study, not measured here)', `~${OFFICIAL_WIDGET_GZIP_KB} KiB`, '—', 'ref');
}

// ---- 2. the launcher alone ---------------------------------------------------------------------------

async function launcherWithoutPanel(stack: Stack): Promise<void> {
  const url = await stack.hostPage('/bench/launcher.html', true);
  const { context, page } = await newVisitor(stack.browser);
  const finished: Promise<{ url: string; bytes: number }>[] = [];
  page.on('requestfinished', (req) => finished.push(req.sizes().then((s) => ({ url: req.url(), bytes: s.responseBodySize + s.responseHeadersSize }))));
  await page.goto(url);
  await launcherOf(page).waitFor();
  await page.waitForLoadState('networkidle');
  const requests = await Promise.all(finished);
  await context.close();

  const widget = requests.filter((r) => isWidgetFile(r.url));
  const panel = widget.filter((r) => !r.url.endsWith('/widget.js'));
  const toServer = requests.filter((r) => r.url.startsWith(stack.api));
  row('2 launcher', 'panel or chunk requests before any interaction (fresh visitor, network idle)', panel.length ? panel.map((r) => new URL(r.url).pathname).join(', ') : 'none', 'none', verdict(panel.length === 0));
  row('2 launcher', `widget's own files fetched before interaction (${widget.length} request${widget.length === 1 ? '' : 's'}, served uncompressed, with headers)`, kb(widget.reduce((n, r) => n + r.bytes, 0)));
  row('2 launcher', 'requests to the chat server before interaction', String(toServer.length));
}

// ---- 3. host page cost at load -----------------------------------------------------------------------

interface LoadRun {
  load: number;
  launcher?: number;
  longTasks: LongTask[];
  /** Long animation frames in which a widget script ran, and that script time. */
  widgetFrames: { duration: number; blocking: number; widgetScript: number }[];
}

async function loadOnce(stack: Stack, url: string, withWidget: boolean): Promise<LoadRun> {
  const { context, page } = await newVisitor(stack.browser);
  try {
    await page.goto(url, { waitUntil: 'load' });
    if (withWidget) await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.launcherAt !== undefined);
    // Anything the widget does just after load (idle callbacks, first paint of the launcher) counts too.
    await page.waitForTimeout(500);
    const load = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventStart);
    const bench = await benchState(page);
    const widgetFrames = bench.longFrames
      .map((f) => ({ ...f, widgetScript: f.scripts.filter((s) => isWidgetFile(s.url)).reduce((n, s) => n + s.duration, 0) }))
      .filter((f) => f.widgetScript > 0)
      .map(({ duration, blocking, widgetScript }) => ({ duration, blocking, widgetScript }));
    return { load, ...(bench.launcherAt !== undefined ? { launcher: bench.launcherAt } : {}), longTasks: bench.longTasks, widgetFrames };
  } finally {
    await context.close();
  }
}

async function hostPageCost(stack: Stack): Promise<void> {
  const withUrl = await stack.hostPage('/bench/blank-widget.html', true);
  const withoutUrl = await stack.hostPage('/bench/blank.html', false);
  // One warm-up of each, not counted: the first page of a fresh browser pays for its own start-up.
  await loadOnce(stack, withUrl, true);
  await loadOnce(stack, withoutUrl, false);
  const withRuns: LoadRun[] = [];
  const withoutRuns: LoadRun[] = [];
  for (let i = 0; i < LOAD_RUNS; i++) {
    // Alternate which goes first, so a burst of machine noise does not land on one variant only.
    const order = i % 2 ? [false, true] : [true, false];
    for (const w of order) (w ? withRuns : withoutRuns).push(await loadOnce(stack, w ? withUrl : withoutUrl, w));
  }
  const loadWith = median(withRuns.map((r) => r.load));
  const loadWithout = median(withoutRuns.map((r) => r.load));
  const launcher = median(withRuns.flatMap((r) => (r.launcher === undefined ? [] : [r.launcher])));
  const section = '3 host page';
  row(section, `\`load\` event, blank page without the widget (median, N=${LOAD_RUNS})`, ms(loadWithout));
  row(section, `\`load\` event, same page with the widget's async script tag (median, N=${LOAD_RUNS})`, ms(loadWith));
  row(section, 'added load time (difference of the medians)', ms(loadWith - loadWithout));
  row(section, `launcher visible, from navigation start (median, N=${LOAD_RUNS})`, ms(launcher));

  const tasks = (runs: LoadRun[]) => runs.flatMap((r) => r.longTasks.map((t) => t.duration));
  const describe = (durations: number[]) => (durations.length ? `${durations.length}, longest ${ms(max(durations))}` : '0');
  row(section, `long tasks during load, with the widget (all ${LOAD_RUNS} runs)`, describe(tasks(withRuns)));
  row(section, `long tasks during load, without the widget (all ${LOAD_RUNS} runs, same loop)`, describe(tasks(withoutRuns)));
  const frames = withRuns.flatMap((r) => r.widgetFrames);
  // A long frame the widget's code ran in at all is one the widget made (or made longer), whatever share
  // of it was the widget's own script: counting only frames where that share was ≥ 50 ms missed two of 93 ms.
  const overlapping = frames.filter((f) => f.duration >= 50);
  row(
    section,
    'long tasks overlapping the widget\'s work (long animation frames ≥ 50 ms in which widget code ran)',
    overlapping.length ? `${overlapping.length}, longest ${ms(max(overlapping.map((f) => f.duration)))} (widget script in them ≤ ${ms(max(overlapping.map((f) => f.widgetScript)))})` : '0',
    'none > 50 ms',
    verdict(overlapping.length === 0),
  );
}

// ---- 4 + 5. a 5,000-message conversation ------------------------------------------------------------

interface Conversation {
  url: string;
  room: WireRoom;
  /** The visitor's localStorage (token, room), to come back as a returning visitor in a fresh context. */
  storageState: StorageState;
  seedMs: number;
  total: number;
}

/** Run `task` over `items` with at most `limit` in flight. */
async function pool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** A visitor starts a chat through the widget, then the agent fills the room up to HISTORY messages. */
async function seedConversation(stack: Stack): Promise<Conversation> {
  const url = await stack.hostPage('/bench/history.html', true);
  const { context, page } = await newVisitor(stack.browser);
  await page.goto(url);
  // Closed panel, closed page: 5,000 live messages would otherwise be rendered while seeding.
  const room = await startChat(page, stack.agent, FIRST_TEXT);
  const storageState = await context.storageState();
  await context.close();

  const started = performance.now();
  const existing = await countHistory(stack.agent, room);
  const texts = Array.from({ length: HISTORY - existing - 1 }, (_, i) =>
    i % 10 === 0 ? `Update ${i}: your order **#${10_000 + i}** has shipped, see https://example.test/orders/${i}` : `Message ${i}: thanks for waiting, I am checking that for you now.`,
  );
  await pool(texts, SEED_IN_FLIGHT, (text) => stack.agent.send(room._id, text));
  // Sent last and alone, so it is the newest message whatever order the parallel ones landed in.
  await new Promise((r) => setTimeout(r, 5));
  await stack.agent.send(room._id, NEWEST_TEXT);
  const seedMs = performance.now() - started;
  const total = await countHistory(stack.agent, room);
  if (total !== HISTORY) throw new Error(`seeded ${total} messages, expected ${HISTORY}`);
  return { url, room, storageState, seedMs, total };
}

/**
 * Every message of the room, counted through history pages: the server caps a page at 100, as Rocket.Chat
 * caps paginated routes. Messages sent in parallel can share a millisecond, so each page ends one
 * millisecond after the oldest seen (`end` is exclusive) and ids are counted once.
 */
async function countHistory(agent: AgentClient, room: WireRoom): Promise<number> {
  const ids = new Set<string>();
  let end: string | undefined;
  for (let pages = 0; pages < 1_000; pages++) {
    const page = await agent.history(room, 100, end);
    const before = ids.size;
    for (const m of page) ids.add(m._id);
    if (page.length < 100 || ids.size === before) return ids.size;
    const oldest = Math.min(...page.map((m) => Date.parse(String(m.ts))));
    end = new Date(oldest + 1).toISOString();
  }
  throw new Error('history did not end within 1,000 pages');
}

interface OpenTiming {
  /** Click → first frame showing the panel. */
  panel: number;
  /** Click → newest message visible; undefined when it did not show within OPEN_TIMEOUT_MS. */
  total?: number;
  /** Click → the newest history page is in the page (panel download, config, history round trips). */
  network?: number;
  /** Data in the page → newest message laid out and visible. */
  render?: number;
  /** Whether history had been fetched before the click (the loader's idle prefetch). */
  prefetched: boolean;
}

/** Opens the chat of a returning visitor in a fresh context; the page stays open for the caller. */
async function openChat(stack: Stack, conv: Conversation, prefetch: boolean) {
  const { context, page } = await newVisitor(stack.browser, { storageState: conv.storageState, forgetRoom: !prefetch });
  await page.goto(conv.url);
  await launcherOf(page).waitFor();
  await page.waitForLoadState('networkidle');
  await page.evaluate(armOpenProbe, NEWEST_TEXT);
  await launcherOf(page).click();
  // A bounded wait: if the newest message never shows, that is the finding, not a failed measurement.
  await page.waitForFunction(() => (window as unknown as BenchWindow).__open.visibleAt !== undefined, undefined, { timeout: OPEN_TIMEOUT_MS }).catch(() => undefined);
  const raw = await page.evaluate(() => {
    const probe = (window as unknown as BenchWindow).__open;
    const history = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.name.includes('/messages.history/'));
    return { ...probe, history: history.map((e) => ({ start: e.startTime, end: e.responseEnd })) };
  });
  const clickAt = raw.clickAt!;
  const prefetched = raw.history.some((h) => h.end < clickAt);
  const panel = (raw.panelShownAt ?? NaN) - clickAt;
  const visibleAt = raw.visibleAt;
  if (visibleAt === undefined) return { context, page, timing: { panel, prefetched } satisfies OpenTiming };
  const arrived = raw.history.filter((h) => h.end <= visibleAt).map((h) => h.end);
  const dataAt = Math.max(clickAt, ...arrived);
  const timing: OpenTiming = { panel, total: visibleAt - clickAt, network: dataAt - clickAt, render: visibleAt - dataAt, prefetched };
  return { context, page, timing };
}

/** Scrolls the conversation to the top, as a visitor would, until its first message is rendered. */
function loadWholeConversation(firstText: string) {
  const { root, list, scroller } = widgetParts();
  const firstShown = () => list.querySelector('li .msg__body')?.textContent === firstText;
  const started = performance.now();
  let gestures = 0;
  return new Promise<{ ms: number; gestures: number; items: number; messages: number; requests: number; nodes: number }>((resolve, reject) => {
    const step = async () => {
      while (!firstShown()) {
        if (performance.now() - started > 150_000) {
          const requests = performance.getEntriesByType('resource').filter((e) => e.name.includes('/messages.history/')).length;
          const top = list.querySelector('li .msg__body')?.textContent?.slice(0, 40);
          return reject(new Error(`gave up after ${gestures} scrolls: ${list.children.length} items, ${requests} history requests, top message "${top}"`));
        }
        const before = list.firstElementChild;
        // At the top already: a 1 px nudge still fires the scroll event the widget listens to.
        scroller.scrollTop = scroller.scrollTop === 0 ? 1 : 0;
        gestures++;
        // Like a visitor: scroll again once older messages showed (or after a while), not on every frame.
        const waitFrom = performance.now();
        while (list.firstElementChild === before && performance.now() - waitFrom < 2_000) await new Promise((r) => requestAnimationFrame(r));
      }
      const requests = performance.getEntriesByType('resource').filter((e) => e.name.includes('/messages.history/')).length;
      resolve({ ms: performance.now() - started, gestures, items: list.children.length, messages: list.querySelectorAll('li.row, li.msg').length, requests, nodes: root.querySelectorAll('*').length });
    };
    void step();
  });
}

/** With everything loaded and the window at the top: "Jump to the newest messages" → newest laid out in view. */
function jumpToNewest(newestText: string) {
  const { root, list, scroller } = widgetParts();
  const button = [...root.querySelectorAll('button')].find((b) => /Jump to the newest/.test(b.textContent ?? ''));
  if (!button) throw new Error('no "Jump to the newest messages" button');
  const started = performance.now();
  button.click();
  return new Promise<number>((resolve) => {
    const frame = () => {
      const bodies = list.querySelectorAll('li .msg__body');
      const body = bodies[bodies.length - 1];
      if (body?.textContent === newestText) {
        const r = body.getBoundingClientRect();
        const v = scroller.getBoundingClientRect();
        if (r.height > 0 && r.bottom > v.top && r.top < v.bottom) return resolve(performance.now() - started);
      }
      requestAnimationFrame(frame);
    };
    frame();
  });
}

/**
 * A fast continuous scroll through the whole loaded conversation: `pxPerFrame` up on every frame until
 * the first message is on screen at the top, then down until the newest is at the bottom. The window
 * slides under it as it goes; frame intervals and long tasks are recorded throughout.
 */
function scrollJank(args: { pxPerFrame: number; firstText: string; newestText: string }) {
  const { list, scroller } = widgetParts();
  const bench = (window as unknown as { __bench: { longTasks: { start: number; duration: number }[] } }).__bench;
  const bodies = () => list.querySelectorAll('li .msg__body');
  const atTop = () => scroller.scrollTop <= 0 && bodies()[0]?.textContent === args.firstText;
  const atBottom = () => scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1 && bodies()[bodies().length - 1]?.textContent === args.newestText;
  scroller.scrollTop = scroller.scrollHeight;
  return new Promise<{ intervals: number[]; longTasks: number[]; distance: number }>((resolve, reject) => {
    const intervals: number[] = [];
    let started: number | undefined;
    let last = 0;
    let up = true;
    let distance = 0;
    const frame = (now: number) => {
      if (started === undefined) started = now;
      else intervals.push(now - last);
      last = now;
      if (now - started > 120_000) return reject(new Error(`scroll did not finish: ${up ? 'going up' : 'going down'}`));
      if (up && atTop()) up = false;
      else if (!up && atBottom()) {
        // Long-task entries are delivered asynchronously: give the observer a moment.
        setTimeout(() => resolve({ intervals, distance, longTasks: bench.longTasks.filter((t) => t.start >= started! && t.start <= now).map((t) => t.duration) }), 100);
        return;
      }
      const before = scroller.scrollTop;
      scroller.scrollTop = before + (up ? -args.pxPerFrame : args.pxPerFrame);
      distance += Math.abs(scroller.scrollTop - before);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  } finally {
    await cdp.detach();
  }
}

/** Rows for N opens of one kind; the render part carries the 200 ms budget. */
function reportOpens(kind: string, timings: OpenTiming[]): void {
  const n = timings.length;
  const shown = timings.filter((t) => t.total !== undefined);
  const of = (pick: (t: OpenTiming) => number | undefined) => median(shown.map((t) => pick(t)!));
  row('4 history', `click "Open chat" → panel shown, ${kind} (median, N=${n})`, ms(median(timings.map((t) => t.panel))));
  if (shown.length < n) {
    row('4 history', '  click → newest message visible', `not visible within ${OPEN_TIMEOUT_MS / 1000} s in ${n - shown.length} of ${n} opens`, '< 200 ms render', 'OVER');
    if (!shown.length) return;
  }
  // The whole, as a visitor waits for it; issue 14's goal is for a 150 ms / 1.6 Mbps link (bench:official measures there).
  const total = of((t) => t.total);
  row('4 history', `  click → newest message visible (median of ${shown.length})`, ms(total), '≤ 600 ms', verdict(total <= 600));
  row('4 history', '  of which: until the history data is in the page (panel download, config, history)', ms(of((t) => t.network)));
  const render = of((t) => t.render);
  row('4 history', '  of which: render (data in the page → newest message visible)', ms(render), '< 200 ms', verdict(render < 200));
}

async function longConversation(stack: Stack): Promise<void> {
  const conv = await seedConversation(stack);
  row('4 history', `seeded ${conv.total} messages (agent REST, ${SEED_IN_FLIGHT} in flight; count checked by history)`, ms(conv.seedMs));

  const timings: Record<'cold' | 'warm', OpenTiming[]> = { cold: [], warm: [] };
  for (let i = 0; i < OPEN_RUNS; i++) {
    for (const prefetch of i % 2 ? [true, false] : [false, true]) {
      const { context, timing } = await openChat(stack, conv, prefetch);
      (prefetch ? timings.warm : timings.cold).push(timing);
      await context.close();
    }
  }
  reportOpens('panel not prefetched (click pays for panel, config and history)', timings.cold);
  reportOpens(`returning visitor, panel + newest page prefetched at idle${timings.warm.every((t) => t.prefetched) ? '' : ' (NOT always prefetched)'}`, timings.warm);

  // One more cold open, kept open: memory, the whole conversation, scroll jank.
  const { context, page } = await newVisitor(stack.browser, { storageState: conv.storageState, forgetRoom: true });
  try {
    await page.goto(conv.url);
    await launcherOf(page).waitFor();
    await page.waitForLoadState('networkidle');
    const heapBefore = await heapUsed(page);
    await launcherOf(page).click();
    await page.getByRole('log', { name: 'Conversation' }).getByText(NEWEST_TEXT).waitFor();
    await page.waitForLoadState('networkidle');
    const heapOpen = await heapUsed(page);

    await page.addScriptTag({ content: WIDGET_PARTS });
    const all = await page.evaluate(loadWholeConversation, FIRST_TEXT);
    row('4 history', `load all ${HISTORY} by scrolling the conversation to the top repeatedly`, `${(all.ms / 1000).toFixed(1)} s`);
    row('4 history', '  scroll-to-top gestures / history requests it took', `${all.gestures} / ${all.requests}`);
    row('4 history', '  list items in the page with all loaded (the window: messages + day separators) / of which messages', `${all.items} / ${all.messages}`);
    row('4 history', '  elements in the widget\'s shadow root', String(all.nodes));
    await page.waitForLoadState('networkidle');
    const heapAll = await heapUsed(page);

    const jumps: number[] = [];
    for (let i = 0; i < 5; i++) {
      if (i > 0) await page.evaluate(loadWholeConversation, FIRST_TEXT);
      jumps.push(await page.evaluate(jumpToNewest, NEWEST_TEXT));
    }
    const jump = median(jumps);
    row('4 history', `all ${HISTORY} in memory, window at the first: "Jump to the newest messages" → newest visible (median, N=${jumps.length})`, ms(jump), '< 200 ms', verdict(jump < 200));

    const jank = await page.evaluate(scrollJank, { pxPerFrame: SCROLL_PX_PER_FRAME, firstText: FIRST_TEXT, newestText: NEWEST_TEXT });
    const worst = max(jank.intervals);
    row(
      '4 history',
      `scroll jank: newest → first → newest message, ${SCROLL_PX_PER_FRAME} px per frame (${(jank.distance / 1000).toFixed(0)}k px scrolled), frame interval median (N=${jank.intervals.length} frames)`,
      ms(median(jank.intervals)),
    );
    row('4 history', '  worst frame interval', ms(worst), '≤ 50 ms', verdict(worst <= 50));
    row('4 history', '  long tasks during the scroll', jank.longTasks.length ? `${jank.longTasks.length}, longest ${ms(max(jank.longTasks))}` : '0', '0', verdict(jank.longTasks.length === 0));

    row('5 memory', 'used JS heap after GC, before opening the chat (loader only)', mb(heapBefore));
    row('5 memory', 'used JS heap after GC, chat open (newest history page)', mb(heapOpen));
    row('5 memory', `used JS heap after GC, all ${HISTORY} messages loaded (the window of them rendered)`, mb(heapAll));
  } finally {
    await context.close();
  }
}

// ---- 6. send→display latency ------------------------------------------------------------------------

/** Runs the latency benchmarks as they are (Rocket.Chat, then Amazon Connect), rather than measuring the same thing twice. */
function latency(): boolean {
  let ok = true;
  for (const [name, script, command] of [
    ['Rocket.Chat', 'scripts/latency.ts', 'npm run bench:latency'],
    ['Amazon Connect', 'scripts/latency-connect.ts', 'npm run bench:latency-connect'],
  ] as const) {
    row('6 latency', `send → display on ${name}, both ways: ${script} (\`${command}\`), its table follows`, 'below');
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 180_000 });
    if (run.status !== 0) {
      notes.push(`${name} latency run failed (exit ${run.status ?? run.signal}): ${(run.stderr || run.stdout).trim().split('\n').slice(-3).join(' / ')}`);
      ok = false;
      continue;
    }
    notes.push(`6 latency on ${name} (from \`${command}\`):\n${run.stdout.trim()}`);
  }
  return ok;
}

// ---- main ----------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const started = performance.now();
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${WATCHDOG_MS / 60_000} min, giving up`);
    process.exit(1);
  }, WATCHDOG_MS);
  watchdog.unref();

  // Serve a copy: a rebuild elsewhere (npm test) empties dist/ mid-run.
  const distDir = mkdtempSync(join(tmpdir(), 'widget-bench-'));
  cpSync('dist', distDir, { recursive: true });
  let failed = false;
  try {
    sizes(distDir);
    const stack = await startStack(distDir);
    try {
      await launcherWithoutPanel(stack);
      await hostPageCost(stack);
      await longConversation(stack);
    } finally {
      await stack.close();
    }
  } catch (e) {
    failed = true;
    console.error('bench: measurement failed:', e);
  } finally {
    rmSync(distDir, { recursive: true, force: true });
  }
  if (!failed && !latency()) failed = true;

  notes.unshift(
    `headless Chromium (${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}) against the in-process stand-in on loopback; every timed page load is a fresh browser context (empty cache). ` +
      `"OVER" marks a budget exceeded; this script never fails because of one.`,
    `run took ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  console.log(`\nWidget performance budgets (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)\n`);
  printTable();
  clearTimeout(watchdog);
  return failed ? 1 : 0;
}

process.exitCode = await main();
