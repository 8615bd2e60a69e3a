/**
 * What scripts/bench-official.ts and scripts/bench-official-open.ts stand on: the chat server (our
 * stand-in, serving both widgets at gzip 6) and the host page's site, the browser, one context per
 * run with the run's throttling, the network as DevTools sees it, and the figures' arithmetic.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { createStandin, type Standin } from '../src/server/app.ts';
import { profile } from '../src/server/profiles.ts';
import { AgentClient } from '../src/shared/rocketchat/agent-client.ts';
import { NAME_SHIM, type SideState, type SideWindow } from './bench-probes.ts';

/** The network has gone quiet when nothing was in flight for this long. */
export const QUIET_MS = 500;
export const STEP_TIMEOUT_MS = 30_000;
export const LONG_TASK_MS = 50;

export interface Condition {
  name: string;
  network?: { latency: number; downloadThroughput: number; uploadThroughput: number };
  cpu?: number;
}
export const UNTHROTTLED: Condition = { name: 'unthrottled' };
export const SLOW_LINK: Condition = { name: 'link 150 ms RTT, 1.6 Mbps down / 750 kbps up', network: { latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 } };
export const SLOW_CPU: Condition = { name: 'CPU 4× slower', cpu: 4 };

export type Variant = 'ours' | 'official' | 'blank';
export type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

// ---- figures ------------------------------------------------------------------------------------------

export const KiB = 1024;
export const quantile = (samples: readonly number[], q: number) => {
  const s = [...samples].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (at - lo);
};
export const median = (s: readonly number[]) => quantile(s, 0.5);
export const fmt = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
/** "median (min–max)" in the unit's precision. */
export const spread = (s: readonly number[], digits = 0) => (s.length ? `${fmt(median(s), digits)} (${fmt(Math.min(...s), digits)}–${fmt(Math.max(...s), digits)})` : '—');
export const ratio = (official: number, ours: number) => (ours > 0 && Number.isFinite(official) ? `${(official / ours).toFixed(1)}×` : '—');

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

export interface Stack {
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

export async function startStack(distDir: string): Promise<Stack> {
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

export interface NetRequest {
  url: string;
  /** Epoch ms. */
  start: number;
  end?: number;
  bytes: number;
  failed?: boolean;
}

/** Every request of the page and its same-process frames: start, end and encoded bytes (headers + body). */
export class NetLog {
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

// ---- one context per run -------------------------------------------------------------------------------

export async function newContext(browser: Browser, condition: Condition, storageState?: StorageState) {
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

export async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

export async function sideState(page: Page) {
  const states = await Promise.all(page.frames().map((f) => f.evaluate(() => (window as unknown as SideWindow).__side).catch(() => undefined)));
  return states.filter((s) => s !== undefined);
}

/** A long task can be reported to the page and to the iframe it ran in: count it once. */
export function uniqueTasks(states: SideState[]): { start: number; duration: number; inOfficialFrame: boolean }[] {
  const out: { start: number; duration: number; inOfficialFrame: boolean }[] = [];
  for (const state of states) {
    for (const t of state.longTasks) {
      const same = out.find((u) => Math.abs(u.start - t.start) < 1 && Math.abs(u.duration - t.duration) < 1);
      if (same) same.inOfficialFrame ||= state.official;
      else out.push({ ...t, inOfficialFrame: state.official });
    }
  }
  return out;
}
export function uniqueFrames(states: SideState[]): SideState['longFrames'] {
  const out: SideState['longFrames'] = [];
  for (const f of states.flatMap((s) => s.longFrames)) {
    const same = out.find((u) => Math.abs(u.start - f.start) < 1 && Math.abs(u.duration - f.duration) < 1);
    if (same) same.scripts.push(...f.scripts);
    else out.push({ ...f, scripts: [...f.scripts] });
  }
  return out;
}
