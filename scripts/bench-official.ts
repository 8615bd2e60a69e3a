/**
 * `npm run bench:official` (after `npm run build`): our widget and Rocket.Chat's official one
 * (`@rocket.chat/livechat`, the pinned dev dependency) side by side in one run, as a visitor's browser
 * meets them (issue 14). A benchmark, not a test: it exits 0 whatever the figures are, 1 only when a
 * measurement could not be taken.
 *
 * One blank host page on its own site (site.test); the chat server (our stand-in) on another origin,
 * serving both widgets compressed at gzip 6, as nginx would: ours at `/widget.js`, the official build at
 * `/livechat/` the way a Rocket.Chat server serves it (loader `rocketchat-livechat.min.js`, iframe app
 * `/livechat` with `SERVER_URL` written into its page). Runs alternate ours / official / no widget, a
 * fresh browser context each, under three conditions: unthrottled, a 150 ms RTT 1.6 Mbps link, a 4×
 * slower CPU. Then our widget alone: click → newest message visible for a returning visitor on the slow
 * link, and the long tasks of that open on the slow CPU.
 *
 * Site isolation is off, so the official widget's cross-site iframe runs in the host page's renderer
 * (as on Android Chrome, which isolates few sites): one DevTools session then sees, throttles and weighs
 * the iframe too. On desktop Chrome that iframe would run in a process of its own.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { createStandin, type Standin } from '../src/server/app.ts';
import { profile } from '../src/server/profiles.ts';
import { AgentClient } from '../src/shared/rocketchat/agent-client.ts';
import type { WireRoom } from '../src/shared/rocketchat/wire.ts';
import { armOfficialOpen, armOpenProbe, installProbes, NAME_SHIM, sideProbes, type BenchWindow, type OfficialOpen, type SideState, type SideWindow } from './bench-probes.ts';

/** Runs per widget per condition (and as many of the page without a widget). */
const RUNS = Math.max(3, Math.min(30, Number(process.env.BENCH_RUNS ?? 7)));
/** Click → newest message opens per kind (panel prefetched or not). */
const OPEN_RUNS = Math.max(3, Math.min(20, Number(process.env.BENCH_OPEN_RUNS ?? 5)));
const HISTORY = 30;
const NEWEST_TEXT = 'bench-newest';
const FIRST_TEXT = 'bench-first';
/** The network has gone quiet when nothing was in flight for this long. */
const QUIET_MS = 500;
const STEP_TIMEOUT_MS = 30_000;
const OPEN_GOAL_MS = 600;
const WATCHDOG_MS = 15 * 60_000;
const LONG_TASK_MS = 50;

interface Condition {
  name: string;
  network?: { latency: number; downloadThroughput: number; uploadThroughput: number };
  cpu?: number;
}
const UNTHROTTLED: Condition = { name: 'unthrottled' };
const SLOW_LINK: Condition = { name: 'link 150 ms RTT, 1.6 Mbps down / 750 kbps up', network: { latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 } };
const SLOW_CPU: Condition = { name: 'CPU 4× slower', cpu: 4 };
const CONDITIONS = [UNTHROTTLED, SLOW_LINK, SLOW_CPU];

type Variant = 'ours' | 'official' | 'blank';

// ---- figures ------------------------------------------------------------------------------------------

const KiB = 1024;
const quantile = (samples: readonly number[], q: number) => {
  const s = [...samples].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (at - lo);
};
const median = (s: readonly number[]) => quantile(s, 0.5);
const fmt = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
/** "median (min–max)" in the unit's precision. */
const spread = (s: readonly number[], digits = 0) => (s.length ? `${fmt(median(s), digits)} (${fmt(Math.min(...s), digits)}–${fmt(Math.max(...s), digits)})` : '—');
const ratio = (official: number, ours: number) => (ours > 0 && Number.isFinite(official) ? `${(official / ours).toFixed(1)}×` : '—');

// ---- servers ------------------------------------------------------------------------------------------

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.mp3': 'audio/mpeg',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg']);

/** Answers with a file's bytes, gzip 6 where nginx's gzip_types would compress it. */
function sendFile(res: ServerResponse, body: Buffer, ext: string, cache: Map<string, Buffer>, key: string): void {
  const gzip = COMPRESSIBLE.has(ext);
  let out = cache.get(key);
  if (!out) {
    out = gzip ? gzipSync(body, { level: 6 }) : body;
    cache.set(key, out);
  }
  res.writeHead(200, {
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    'Content-Length': String(out.length),
    ...(gzip ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
    // Our widget's panel is a module script loaded cross-origin.
    'Access-Control-Allow-Origin': '*',
    'Cache-Control': 'no-cache',
  });
  res.end(out);
}

function fileUnder(root: string, path: string): string | undefined {
  const file = resolve(join(root, normalize(path)));
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) return undefined;
  return file;
}

/** The official widget's build folder, from the installed package. */
function officialBuild(): string {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('@rocket.chat/livechat/package.json')), 'build');
  if (!existsSync(join(dir, 'rocketchat-livechat.min.js')) || !existsSync(join(dir, 'index.html'))) throw new Error(`no official widget build in ${dir}: npm ci`);
  return dir;
}

interface Stack {
  api: string;
  site: string;
  browser: Browser;
  agent: AgentClient;
  page(variant: Variant): string;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

async function startStack(distDir: string): Promise<Stack> {
  const standin: Standin = createStandin(profile('test'));
  const official = officialBuild();
  const ours = resolve(distDir);
  const cache = new Map<string, Buffer>();
  let api = '';
  // The chat server: the stand-in's API and socket, the official widget where Rocket.Chat serves it, ours beside it.
  const chat: Server = createServer((req: IncomingMessage, res: ServerResponse) =>
    standin.handle(req, res, () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (path === '/livechat' || path === '/livechat/') {
        // As Rocket.Chat's `addServerUrlToIndex` does: the iframe app learns its server from SERVER_URL.
        const html = readFileSync(join(official, 'index.html'), 'utf8').replace('<body>', `<body><script> SERVER_URL = '${api}'; </script>`);
        return sendFile(res, Buffer.from(html), '.html', cache, 'official:index');
      }
      const file = path.startsWith('/livechat/') ? fileUnder(official, path.slice('/livechat/'.length)) : fileUnder(ours, path);
      if (!file) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
        return;
      }
      sendFile(res, readFileSync(file), extname(file), cache, file);
    }),
  );
  standin.attach(chat);
  api = `http://127.0.0.1:${await listen(chat)}`;
  // As main.ts does: the config's sound URL (which the official widget fetches at start) is this server's.
  standin.store.settings.Site_Url = api;

  const pages: Record<Variant, string> = {
    blank: '',
    ours: `<script src="${api}/widget.js" data-server-url="${api}" async></script>`,
    // Rocket.Chat's embed snippet (Administration → Omnichannel → Livechat installation), unchanged.
    official: `<script type="text/javascript">
(function(w, d, s, u) {
  w.RocketChat = function(c) { w.RocketChat._.push(c) }; w.RocketChat._ = []; w.RocketChat.url = u;
  var h = d.getElementsByTagName(s)[0], j = d.createElement(s);
  j.async = true; j.src = '${api}/livechat/rocketchat-livechat.min.js?_=201903270000';
  h.parentNode.insertBefore(j, h);
})(window, document, 'script', '${api}/livechat');
</script>`,
  };
  const host: Server = createServer((req, res) => {
    const variant = /^\/(blank|ours|official)\.html$/.exec(new URL(req.url ?? '/', 'http://x').pathname)?.[1] as Variant | undefined;
    if (!variant) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Blank host page</title><link rel="icon" href="data:,"></head><body><p>A customer page.</p>${pages[variant]}</body></html>`;
    sendFile(res, Buffer.from(html), '.html', cache, `host:${variant}`);
  });
  const site = `http://site.test:${await listen(host)}`;

  const agent = new AgentClient(api);
  await agent.login('agent', 'agent-pass');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--host-resolver-rules=MAP *.test 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
      // The official widget's iframe in the page's renderer: see the file's comment.
      '--disable-site-isolation-trials',
      '--disable-features=IsolateOrigins,site-per-process',
    ],
  });
  return {
    api,
    site,
    browser,
    agent,
    page: (variant) => `${site}/${variant}.html`,
    async close() {
      await browser.close().catch(() => undefined);
      await agent.logout().catch(() => undefined);
      await standin.close();
      for (const s of [chat, host]) {
        s.closeAllConnections();
        await new Promise<void>((r) => s.close(() => r()));
      }
    },
  };
}

// ---- the network, seen through DevTools ---------------------------------------------------------------

interface NetRequest {
  url: string;
  /** Epoch ms. */
  start: number;
  end?: number;
  bytes: number;
  failed?: boolean;
}

/** Every request of the page and its same-process frames: start, end and encoded bytes (headers + body). */
class NetLog {
  readonly requests = new Map<string, NetRequest>();
  /** CDP's monotonic clock → epoch ms, from the first requestWillBeSent (it carries both). */
  private offset?: number;
  lastActivity = Date.now();
  constructor(cdp: CDPSession) {
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.request.url.startsWith('data:')) return;
      this.offset ??= e.wallTime * 1000 - e.timestamp * 1000;
      const known = this.requests.get(e.requestId);
      if (known) known.url = e.request.url; // a redirect keeps its id
      else this.requests.set(e.requestId, { url: e.request.url, start: this.epoch(e.timestamp), bytes: 0 });
      this.lastActivity = Date.now();
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = this.requests.get(e.requestId);
      if (!r) return;
      r.end = this.epoch(e.timestamp);
      r.bytes = e.encodedDataLength;
      this.lastActivity = Date.now();
    });
    cdp.on('Network.loadingFailed', (e) => {
      const r = this.requests.get(e.requestId);
      if (!r) return;
      r.end = this.epoch(e.timestamp);
      r.failed = true;
      this.lastActivity = Date.now();
    });
  }
  private epoch(monotonicSeconds: number): number {
    return monotonicSeconds * 1000 + (this.offset ?? 0);
  }
  inFlight(): number {
    let n = 0;
    for (const r of this.requests.values()) if (r.end === undefined) n++;
    return n;
  }
  /** Resolves once nothing was in flight for QUIET_MS; bounded. */
  async quiet(): Promise<void> {
    const until = Date.now() + STEP_TIMEOUT_MS;
    while (Date.now() < until) {
      if (this.inFlight() === 0 && Date.now() - this.lastActivity >= QUIET_MS) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`network never went quiet: ${[...this.requests.values()].filter((r) => r.end === undefined).map((r) => r.url).join(', ')}`);
  }
}

// ---- one load of the host page --------------------------------------------------------------------------

interface LoadRun {
  /** From navigation start, ms. */
  load: number;
  busy: number;
  launcher?: number;
  heap: number;
  longTasks: { start: number; duration: number }[];
  /** Long animation frames ≥ 50 ms in which a script from the widget's origin ran. */
  widgetFrames: number[];
  requestsBeforeLauncher: number;
  bytesBeforeLauncher: number;
  requestsToIdle: number;
  bytesToIdle: number;
  frames: number;
}

async function newContext(browser: Browser, condition: Condition, storageState?: StorageState) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 760 }, ...(storageState ? { storageState } : {}) });
  await context.addInitScript({ content: NAME_SHIM });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (condition.network) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...condition.network });
  if (condition.cpu) await cdp.send('Emulation.setCPUThrottlingRate', { rate: condition.cpu });
  return { context, page, cdp };
}

async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

async function sideState(page: Page) {
  const states = await Promise.all(page.frames().map((f) => f.evaluate(() => (window as unknown as SideWindow).__side).catch(() => undefined)));
  return states.filter((s) => s !== undefined);
}

/** A long task can be reported to the page and to the iframe it ran in: count it once. */
function uniqueTasks(states: SideState[]): { start: number; duration: number }[] {
  const out: { start: number; duration: number }[] = [];
  for (const t of states.flatMap((s) => s.longTasks)) if (!out.some((u) => Math.abs(u.start - t.start) < 1 && Math.abs(u.duration - t.duration) < 1)) out.push(t);
  return out;
}
function uniqueFrames(states: SideState[]): SideState['longFrames'] {
  const out: SideState['longFrames'] = [];
  for (const f of states.flatMap((s) => s.longFrames)) {
    const same = out.find((u) => Math.abs(u.start - f.start) < 1 && Math.abs(u.duration - f.duration) < 1);
    if (same) same.scripts.push(...f.scripts);
    else out.push({ ...f, scripts: [...f.scripts] });
  }
  return out;
}

async function loadOnce(stack: Stack, variant: Variant, condition: Condition): Promise<LoadRun> {
  const { context, page, cdp } = await newContext(stack.browser, condition);
  try {
    await context.addInitScript(sideProbes);
    const net = new NetLog(cdp);
    await page.goto(stack.page(variant), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
    let launcherAt: number | undefined;
    if (variant !== 'blank') {
      const until = Date.now() + STEP_TIMEOUT_MS;
      while (launcherAt === undefined && Date.now() < until) {
        launcherAt = (await sideState(page)).find((s) => s.launcherAt !== undefined)?.launcherAt;
        if (launcherAt === undefined) await new Promise((r) => setTimeout(r, 50));
      }
      if (launcherAt === undefined) throw new Error(`${variant}: no launcher within ${STEP_TIMEOUT_MS / 1000} s (${condition.name})`);
    }
    await net.quiet();
    const heap = await heapUsed(cdp);
    const top = await page.evaluate(() => ({ origin: performance.timeOrigin, load: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventStart }));
    const states = await sideState(page);
    const tasks = uniqueTasks(states);
    const widgetFrames = uniqueFrames(states).filter((f) => f.duration >= LONG_TASK_MS && f.scripts.some((u) => u.startsWith(stack.api)));
    const all = [...net.requests.values()];
    const widget = all.filter((r) => r.url.startsWith(stack.api));
    if (variant === 'official' && !widget.some((r) => r.url.includes('/livechat/bundle.'))) throw new Error('the official widget\'s iframe requests were not seen: is the iframe in another process?');
    // Busy: until the load event and the last request, whichever is later.
    const busyEnd = Math.max(top.origin + top.load, ...all.map((r) => r.end ?? r.start));
    const before = launcherAt === undefined ? [] : widget.filter((r) => r.start <= launcherAt!);
    // The widget's work: from its first request until the network went quiet (the blank page: the whole load).
    const from = variant === 'blank' ? top.origin : Math.min(...widget.map((r) => r.start));
    return {
      load: top.load,
      busy: busyEnd - top.origin,
      ...(launcherAt !== undefined ? { launcher: launcherAt - top.origin } : {}),
      heap,
      longTasks: tasks.filter((t) => t.start + t.duration >= from && t.start <= busyEnd + QUIET_MS),
      widgetFrames: widgetFrames.map((f) => f.duration),
      requestsBeforeLauncher: before.length,
      bytesBeforeLauncher: before.reduce((n, r) => n + r.bytes, 0),
      requestsToIdle: widget.length,
      bytesToIdle: widget.reduce((n, r) => n + r.bytes, 0),
      frames: page.frames().length,
    };
  } finally {
    await context.close();
  }
}

// ---- side by side ---------------------------------------------------------------------------------------

const table: string[] = [];
const notes: string[] = [];
const line = (cells: string[]) => table.push(`| ${cells.join(' | ')} |`);

async function sideBySide(stack: Stack, condition: Condition): Promise<Record<Variant, LoadRun[]>> {
  const runs: Record<Variant, LoadRun[]> = { ours: [], official: [], blank: [] };
  // One of each first, not counted: a fresh browser's first pages pay for its own start-up.
  for (const v of ['ours', 'official', 'blank'] as const) await loadOnce(stack, v, condition);
  for (let i = 0; i < RUNS; i++) {
    // A, B, none; B, A, none…: a burst of machine noise does not land on one widget only.
    const order: Variant[] = i % 2 ? ['official', 'ours', 'blank'] : ['ours', 'official', 'blank'];
    for (const v of order) runs[v].push(await loadOnce(stack, v, condition));
  }
  const pick = (v: Variant, f: (r: LoadRun) => number | undefined) => runs[v].flatMap((r) => (f(r) === undefined ? [] : [f(r)!]));
  const row = (what: string, f: (r: LoadRun) => number | undefined, digits = 0, scale = 1) => {
    const o = pick('ours', f).map((x) => x / scale);
    const r = pick('official', f).map((x) => x / scale);
    line([condition.name, what, spread(o, digits), spread(r, digits), ratio(median(r), median(o))]);
  };
  /** Figures relative to the page without a widget: each run minus the blank runs' median. */
  const added = (what: string, f: (r: LoadRun) => number, digits = 0, scale = 1) => {
    const base = median(runs.blank.map(f));
    row(`${what} (blank page: ${fmt(base / scale, digits)})`, (r) => f(r) - base, digits, scale);
  };
  row('launcher visible, ms from navigation start', (r) => r.launcher);
  added('added `load` event, ms', (r) => r.load);
  added('added "page busy" (until the network is quiet), ms', (r) => r.busy);
  const taskCell = (v: Variant) => {
    const all = runs[v].flatMap((r) => r.longTasks.map((t) => t.duration));
    const tbt = runs[v].map((r) => r.longTasks.reduce((n, t) => n + Math.max(0, t.duration - LONG_TASK_MS), 0));
    return { text: all.length ? `${all.length} in ${RUNS} runs, longest ${fmt(Math.max(...all), 0)} ms; blocking ${spread(tbt)} ms` : `0 in ${RUNS} runs`, tbt: median(tbt), n: all.length };
  };
  const [to, tr, tb] = [taskCell('ours'), taskCell('official'), taskCell('blank')];
  line([condition.name, `long tasks ≥ ${LONG_TASK_MS} ms overlapping the widget's work (page + iframe; blank page: ${tb.text})`, to.text, tr.text, to.n ? ratio(tr.tbt, to.tbt) + ' blocking' : tr.n ? `${tr.n} vs 0` : '—']);
  const frameCell = (v: Variant) => {
    const all = runs[v].flatMap((r) => r.widgetFrames);
    return all.length ? `${all.length} in ${RUNS} runs, longest ${fmt(Math.max(...all), 0)} ms` : `0 in ${RUNS} runs`;
  };
  const [fo, fr] = [pick('ours', (r) => r.widgetFrames.length), pick('official', (r) => r.widgetFrames.length)];
  line([condition.name, `of which caused by the widget: long animation frames ≥ ${LONG_TASK_MS} ms running a script from the widget's origin (goal: none)`, frameCell('ours'), frameCell('official'), ratio(fr.reduce((a, b) => a + b, 0), fo.reduce((a, b) => a + b, 0))]);
  added('added JS heap after GC, launcher shown + network quiet, MiB', (r) => r.heap, 2, 1024 * 1024);
  row('requests before the launcher shows (widget\'s origin)', (r) => r.requestsBeforeLauncher);
  row('KiB before the launcher shows (encoded: gzip 6 + headers)', (r) => r.bytesBeforeLauncher, 1, KiB);
  row('requests until the network is quiet (widget\'s origin)', (r) => r.requestsToIdle);
  row('KiB until the network is quiet', (r) => r.bytesToIdle, 1, KiB);
  return runs;
}

// ---- our widget: click → newest message visible -----------------------------------------------------

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

async function roomOf(stack: Stack, token: string): Promise<WireRoom> {
  for (let i = 0; i < 100; i++) {
    const room = (await stack.agent.rooms()).find((r) => r.v.token === token);
    if (room) return room;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the visitor has no room');
}

/** A returning visitor with an ongoing chat of HISTORY messages, the newest from the agent. */
async function seedConversation(stack: Stack): Promise<StorageState> {
  const { context, page } = await newContext(stack.browser, UNTHROTTLED);
  try {
    await page.goto(stack.page('ours'));
    await page.getByRole('button', { name: /^Open chat/ }).click();
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.fill(FIRST_TEXT);
    await composer.press('Enter');
    await page.getByText(FIRST_TEXT).waitFor();
    const token = await page.evaluate(() => (window as unknown as { RocketChat: { livechat: { getVisitorToken(): string } } }).RocketChat.livechat.getVisitorToken());
    const room = await roomOf(stack, token);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.endsWith(':open')));
    const storageState = await context.storageState();
    await fillRoom(stack, room);
    return storageState;
  } finally {
    await context.close();
  }
}

interface OpenRun {
  total?: number;
  prefetched: boolean;
  /** Long tasks from the click until the newest message showed (+ QUIET_MS), ms. */
  longTasks: number[];
}

async function openOnce(stack: Stack, storageState: StorageState, condition: Condition, prefetch: boolean): Promise<OpenRun> {
  const { context, page, cdp } = await newContext(stack.browser, condition, storageState);
  try {
    await context.addInitScript(installProbes);
    if (!prefetch) {
      // No remembered room (and open state): the loader does not prefetch the panel at idle, so the click
      // pays for panel + config + history, as when a visitor clicks before the prefetch (as scripts/bench.ts).
      await context.addInitScript(() => {
        for (const key of Object.keys(localStorage)) if (/^rcw:[^:]+:(rid|open)$/.test(key)) localStorage.removeItem(key);
      });
    }
    const net = new NetLog(cdp);
    await page.goto(stack.page('ours'), { timeout: STEP_TIMEOUT_MS });
    const launcher = page.getByRole('button', { name: /^Open chat/ });
    await launcher.waitFor({ timeout: STEP_TIMEOUT_MS });
    await net.quiet();
    await page.evaluate(armOpenProbe, NEWEST_TEXT);
    await launcher.click();
    await page.waitForFunction(() => (window as unknown as BenchWindow).__open.visibleAt !== undefined, undefined, { timeout: 10_000 }).catch(() => undefined);
    await net.quiet();
    if (process.env.BENCH_SHOTS) await page.screenshot({ path: join(process.env.BENCH_SHOTS, `ours-open-${prefetch ? 'warm' : 'cold'}-${condition.cpu ? 'cpu' : 'link'}.png`) });
    const raw = await page.evaluate(() => {
      const w = window as unknown as BenchWindow;
      const history = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.name.includes('/messages.history/'));
      return { open: w.__open, longTasks: w.__bench.longTasks, historyEnds: history.map((e) => e.responseEnd) };
    });
    const clickAt = raw.open.clickAt!;
    const until = (raw.open.visibleAt ?? clickAt + 10_000) + QUIET_MS;
    return {
      ...(raw.open.visibleAt !== undefined ? { total: raw.open.visibleAt - clickAt } : {}),
      prefetched: raw.historyEnds.some((end) => end < clickAt),
      longTasks: raw.longTasks.filter((t) => t.start + t.duration >= clickAt && t.start <= until).map((t) => t.duration),
    };
  } finally {
    await context.close();
  }
}

/** The agent fills the visitor's room up to HISTORY messages, the newest last and alone. */
async function fillRoom(stack: Stack, room: WireRoom): Promise<void> {
  const existing = (await stack.agent.history(room, HISTORY * 2)).length;
  for (let i = existing; i < HISTORY - 1; i++) await stack.agent.send(room._id, `Message ${i}: thanks for waiting, I am checking that for you now.`);
  await stack.agent.send(room._id, NEWEST_TEXT);
}

const OFFICIAL_BUBBLE = '[class*="screen__chat-button"]';
type IframeStorage = [string, string][];

function officialFrame(stack: Stack, page: Page) {
  const frame = page.frames().find((f) => f.url().startsWith(`${stack.api}/livechat`));
  if (!frame) throw new Error('the official widget\'s iframe is not there');
  return frame;
}

/**
 * A returning visitor of the official widget: a chat started through it (its iframe's localStorage, kept
 * as entries: storage partitioned under the host site is not in Playwright's storageState), then closed.
 */
async function seedOfficial(stack: Stack): Promise<IframeStorage> {
  const { context, page } = await newContext(stack.browser, UNTHROTTLED);
  try {
    await page.goto(stack.page('official'));
    const frame = page.frameLocator('#rocketchat-iframe');
    await frame.locator(OFFICIAL_BUBBLE).click({ timeout: STEP_TIMEOUT_MS });
    await frame.locator('[contenteditable="true"]').click({ timeout: STEP_TIMEOUT_MS });
    await page.keyboard.type(FIRST_TEXT);
    await page.keyboard.press('Enter');
    await frame.getByText(FIRST_TEXT).waitFor({ timeout: STEP_TIMEOUT_MS });
    // Closed again (the bubble is the close button while open), so the next visit starts minimized.
    await frame.locator(OFFICIAL_BUBBLE).click();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('.rocketchat-widget')?.dataset.state === 'closed', undefined, { timeout: STEP_TIMEOUT_MS });
    const entries = await officialFrame(stack, page).evaluate(() => Object.entries(localStorage));
    const token = entries.flatMap(([, v]) => {
      try {
        const t = (JSON.parse(v) as { token?: unknown }).token;
        return typeof t === 'string' ? [t] : [];
      } catch {
        return [];
      }
    })[0];
    if (!token) throw new Error('no visitor token in the official widget\'s storage');
    await fillRoom(stack, await roomOf(stack, token));
    return entries;
  } finally {
    await context.close();
  }
}

async function officialOpenOnce(stack: Stack, storage: IframeStorage, condition: Condition): Promise<OpenRun> {
  const { context, page, cdp } = await newContext(stack.browser, condition);
  try {
    await context.addInitScript(sideProbes);
    await context.addInitScript(
      ({ origin, entries }) => {
        if (location.origin === origin && location.pathname.startsWith('/livechat')) for (const [k, v] of entries) localStorage.setItem(k, v);
      },
      { origin: stack.api, entries: storage },
    );
    const net = new NetLog(cdp);
    await page.goto(stack.page('official'), { timeout: STEP_TIMEOUT_MS });
    const until = Date.now() + STEP_TIMEOUT_MS;
    while (!(await sideState(page)).some((x) => x.launcherAt !== undefined)) {
      if (Date.now() > until) throw new Error('official: no launcher for the returning visitor');
      await new Promise((r) => setTimeout(r, 50));
    }
    await net.quiet();
    const frame = officialFrame(stack, page);
    await frame.evaluate(armOfficialOpen, NEWEST_TEXT);
    await frame.locator(OFFICIAL_BUBBLE).click();
    await frame.waitForFunction(() => (window as unknown as { __officialOpen: OfficialOpen }).__officialOpen.visibleAt !== undefined, undefined, { timeout: 10_000 }).catch(() => undefined);
    await net.quiet();
    const open = await frame.evaluate(() => (window as unknown as { __officialOpen: OfficialOpen }).__officialOpen);
    if (process.env.BENCH_SHOTS) await page.screenshot({ path: join(process.env.BENCH_SHOTS, `official-open-${condition.cpu ? 'cpu' : 'link'}.png`) });
    const clickAt = open.clickAt!;
    const end = (open.visibleAt ?? clickAt + 10_000) + QUIET_MS;
    return {
      ...(open.visibleAt !== undefined ? { total: open.visibleAt - clickAt } : {}),
      prefetched: true,
      longTasks: uniqueTasks(await sideState(page))
        .filter((t) => t.start + t.duration >= clickAt && t.start <= end)
        .map((t) => t.duration),
    };
  } finally {
    await context.close();
  }
}

async function clickToNewest(stack: Stack): Promise<void> {
  const storageState = await seedConversation(stack);
  const officialStorage = await seedOfficial(stack);
  for (const condition of [SLOW_LINK, SLOW_CPU]) {
    const runs: Record<'cold' | 'warm' | 'official', OpenRun[]> = { cold: [], warm: [], official: [] };
    // Warm-ups, not counted.
    await openOnce(stack, storageState, condition, false);
    await officialOpenOnce(stack, officialStorage, condition);
    for (let i = 0; i < OPEN_RUNS; i++) {
      const order: ('cold' | 'warm' | 'official')[] = i % 2 ? ['official', 'warm', 'cold'] : ['cold', 'warm', 'official'];
      for (const kind of order) runs[kind].push(kind === 'official' ? await officialOpenOnce(stack, officialStorage, condition) : await openOnce(stack, storageState, condition, kind === 'warm'));
    }
    for (const [kind, label] of [
      ['cold', 'ours, panel not prefetched (the click pays for panel, config, history)'],
      ['warm', 'ours, returning visitor as is (panel + newest page prefetched at idle)'],
      ['official', 'official, returning visitor as is (its whole app, config and history loaded with the page)'],
    ] as const) {
      const r = runs[kind];
      const shown = r.flatMap((x) => (x.total === undefined ? [] : [x.total]));
      const missed = r.length - shown.length;
      const notPrefetched = kind === 'warm' ? r.filter((x) => !x.prefetched).length : 0;
      const visible = `${spread(shown)}${missed ? `; not visible within 10 s in ${missed} of ${r.length}` : ''}${notPrefetched ? ` (${notPrefetched} not prefetched)` : ''}`;
      const verdict = missed === 0 && median(shown) <= OPEN_GOAL_MS ? 'ok' : 'OVER';
      const tasks = r.flatMap((x) => x.longTasks);
      const taskText = tasks.length ? `${tasks.length} in ${r.length} opens, longest ${fmt(Math.max(...tasks), 0)} ms` : `0 in ${r.length} opens`;
      const ours = kind !== 'official';
      openRows.push(`| ${condition.name} | ${label} | ${visible} | ${condition === SLOW_LINK && ours ? `≤ ${OPEN_GOAL_MS} ms: ${verdict}` : '—'} | ${taskText} | ${condition === SLOW_CPU && ours ? `none > ${LONG_TASK_MS} ms: ${tasks.length ? 'OVER' : 'ok'}` : '—'} |`);
    }
  }
}
const openRows: string[] = [];

// ---- main -----------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const started = performance.now();
  const watchdog = setTimeout(() => {
    console.error(`bench:official: still running after ${WATCHDOG_MS / 60_000} min, giving up`);
    process.exit(1);
  }, WATCHDOG_MS);
  watchdog.unref();
  const loadStart = loadavg().map((n) => n.toFixed(1)).join(' ');
  console.log(`load average at start: ${loadStart}; N=${RUNS} runs per widget per condition, ${OPEN_RUNS} opens per kind`);

  // Serve a copy: a rebuild elsewhere (npm test) empties dist/ mid-run.
  if (!existsSync('dist/widget.js')) {
    console.error('bench:official: no dist/widget.js: npm run build first');
    return 1;
  }
  const distDir = mkdtempSync(join(tmpdir(), 'widget-bench-official-'));
  cpSync('dist', distDir, { recursive: true });
  let failed = false;
  try {
    const stack = await startStack(distDir);
    try {
      line(['condition', 'measure', 'ours: median (min–max)', 'official: median (min–max)', 'official / ours']);
      line(['---', '---', '---:', '---:', '---:']);
      // BENCH_ONLY=open: the click → newest part alone (while working on it).
      for (const condition of process.env.BENCH_ONLY === 'open' ? [] : CONDITIONS) {
        console.error(`… ${condition.name}`);
        await sideBySide(stack, condition);
      }
      console.error('… click → newest message');
      await clickToNewest(stack);
    } finally {
      await stack.close();
    }
  } catch (e) {
    failed = true;
    console.error('bench:official: measurement failed:', e);
  } finally {
    rmSync(distDir, { recursive: true, force: true });
  }
  const loadEnd = loadavg().map((n) => n.toFixed(1)).join(' ');
  console.log(`\nOur widget and Rocket.Chat's official widget 1.13.3 side by side (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, N=${RUNS} per widget per condition)\n`);
  console.log(table.join('\n'));
  if (openRows.length) {
    console.log(`\nOur widget, a returning visitor with an ongoing chat of ${HISTORY} messages: click "Open chat" → newest message visible (N=${OPEN_RUNS} per kind)\n`);
    console.log('| condition | open | click → newest visible, ms: median (min–max) | goal | long tasks from the click until 0.5 s after visible | goal |\n|---|---|---:|---|---|---|');
    console.log(openRows.join('\n'));
  }
  notes.push(
    `headless Chromium (${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}), site isolation off, fresh context per run; host page http://site.test, chat server http://127.0.0.1 (another site), both widgets served gzip 6`,
    `load average: ${loadStart} at start, ${loadEnd} at the end (2 cores, shared); run took ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  console.log(`\n${notes.map((n) => `- ${n}`).join('\n')}`);
  clearTimeout(watchdog);
  return failed ? 1 : 0;
}

process.exitCode = await main();
