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
 * slower CPU. Then click → newest message visible for a returning visitor of each widget, on the slow
 * link and on the slow CPU (scripts/bench-official-open.ts). What each figure measures: MEASURES below.
 *
 * Site isolation is off, so the official widget's cross-site iframe runs in the host page's renderer
 * (as on Android Chrome, which isolates few sites): one DevTools session then sees, throttles and weighs
 * the iframe too. On desktop Chrome that iframe would run in a process of its own.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sideProbes } from './bench-probes.ts';
import { clickToNewest, HISTORY } from './bench-official-open.ts';
import {
  fmt,
  heapUsed,
  KiB,
  LONG_TASK_MS,
  median,
  NetLog,
  newContext,
  QUIET_MS,
  ratio,
  sideState,
  SLOW_CPU,
  SLOW_LINK,
  spread,
  startStack,
  STEP_TIMEOUT_MS,
  uniqueFrames,
  uniqueTasks,
  UNTHROTTLED,
  type Condition,
  type Stack,
  type Variant,
} from './bench-official-stack.ts';

/** Runs per widget per condition (and as many of the page without a widget). */
const RUNS = Math.max(3, Math.min(30, Number(process.env.BENCH_RUNS ?? 9)));
/** Click → newest message opens per kind. */
const OPEN_RUNS = Math.max(3, Math.min(20, Number(process.env.BENCH_OPEN_RUNS ?? 5)));
const WATCHDOG_MS = 15 * 60_000;
const CONDITIONS = [UNTHROTTLED, SLOW_LINK, SLOW_CPU];

/** Printed under the tables: what each figure is, exactly. */
const MEASURES = [
  'launcher visible: the first animation frame in which the launcher has a box and passes checkVisibility — ours: the button in our shadow root; the official: `.screen__chat-button` inside its iframe, inside the iframe\'s viewport, once the iframe\'s stylesheets apply (before that it is an unstyled button); from the host page\'s navigation start',
  '`load`: the host page\'s loadEventStart (the official iframe\'s own load delays it); "added" = minus the median of the blank page\'s runs in the same loop',
  '"page busy": until the later of the load event and the last request\'s end, the network then quiet for 0.5 s (nothing in flight; websockets do not count)',
  'long tasks: PerformanceObserver `longtask` in every frame (page and iframe, a task reported to both counted once) overlapping the widget\'s work, from its first request until 0.5 s after the page busy end; blocking = Σ(duration − 50 ms) per run. "Caused by the widget": those long tasks that ran in the official widget\'s iframe (its own observer saw them), or lie inside a `long-animation-frame` entry that ran a script from the chat server\'s origin (ours, and the official loader on the page)',
  'JS heap: DevTools HeapProfiler.collectGarbage then Runtime.getHeapUsage (usedSize) of the page\'s renderer — page and in-process iframe — once the launcher showed and the network went quiet, minus the blank page\'s',
  'click → newest visible: from the click event\'s timestamp to the first frame in which the newest message is laid out in view — ours: `armOpenProbe` (scripts/bench-probes.ts), inside the open conversation\'s visible part; the official: `armOfficialOpen`, a text node reading it inside the iframe\'s viewport once the host page grew the iframe past its closed 86 px box. Long tasks: `longtask` entries from the click until 0.5 s after (only the widget runs on the blank page)',
  'requests and KiB: DevTools Network events of every frame (requestWillBeSent, loadingFinished encodedDataLength = headers + gzip 6 body) to the chat server\'s origin; "before the launcher" = started before its visible frame',
];

// ---- one load of the host page --------------------------------------------------------------------------

interface LoadRun {
  /** From navigation start, ms. */
  load: number;
  busy: number;
  launcher?: number;
  heap: number;
  longTasks: { start: number; duration: number }[];
  /** Of those, the ones the widget caused: run in its iframe, or inside a long animation frame that ran its scripts. */
  widgetTasks: number[];
  requestsBeforeLauncher: number;
  bytesBeforeLauncher: number;
  requestsToIdle: number;
  bytesToIdle: number;
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
    const widgetFrames = uniqueFrames(states).filter((f) => f.scripts.some((u) => u.startsWith(stack.api)));
    const all = [...net.requests.values()];
    const widget = all.filter((r) => r.url.startsWith(stack.api));
    if (variant === 'official' && !widget.some((r) => r.url.includes('/livechat/bundle.'))) throw new Error('the official widget\'s iframe requests were not seen: is the iframe in another process?');
    // Busy: until the load event and the last request, whichever is later.
    const busyEnd = Math.max(top.origin + top.load, ...all.map((r) => r.end ?? r.start));
    const before = launcherAt === undefined ? [] : widget.filter((r) => r.start <= launcherAt!);
    // The widget's work: from its first request until the network went quiet (the blank page: the whole load).
    const from = variant === 'blank' ? top.origin : Math.min(...widget.map((r) => r.start));
    const overlapping = tasks.filter((t) => t.start + t.duration >= from && t.start <= busyEnd + QUIET_MS);
    const inFrame = (t: { start: number; duration: number }, f: { start: number; duration: number }) => t.start >= f.start - 1 && t.start + t.duration <= f.start + f.duration + 1;
    return {
      load: top.load,
      busy: busyEnd - top.origin,
      ...(launcherAt !== undefined ? { launcher: launcherAt - top.origin } : {}),
      heap,
      longTasks: overlapping,
      widgetTasks: overlapping.filter((t) => t.inOfficialFrame || widgetFrames.some((f) => inFrame(t, f))).map((t) => t.duration),
      requestsBeforeLauncher: before.length,
      bytesBeforeLauncher: before.reduce((n, r) => n + r.bytes, 0),
      requestsToIdle: widget.length,
      bytesToIdle: widget.reduce((n, r) => n + r.bytes, 0),
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
  line([condition.name, `long tasks ≥ ${LONG_TASK_MS} ms overlapping the widget's work (page + iframe; blank page: ${tb.text})`, to.text, tr.text, `${tr.n} vs ${to.n} tasks${to.tbt > 0 ? `, ${ratio(tr.tbt, to.tbt)} blocking` : ''}`]);
  const causedCell = (v: Variant) => {
    const all = runs[v].flatMap((r) => r.widgetTasks);
    return { text: all.length ? `${all.length} in ${RUNS} runs, longest ${fmt(Math.max(...all), 0)} ms` : `0 in ${RUNS} runs`, n: all.length };
  };
  const [co, cr] = [causedCell('ours'), causedCell('official')];
  line([condition.name, `of which caused by the widget: run in its iframe, or inside a long animation frame that ran a script from its origin (goal: none)`, co.text, cr.text, `${cr.n} vs ${co.n} tasks`]);
  added('added JS heap after GC, launcher shown + network quiet, MiB', (r) => r.heap, 2, 1024 * 1024);
  row('requests before the launcher shows (widget\'s origin)', (r) => r.requestsBeforeLauncher);
  row('KiB before the launcher shows (encoded: gzip 6 + headers)', (r) => r.bytesBeforeLauncher, 1, KiB);
  row('requests until the network is quiet (widget\'s origin)', (r) => r.requestsToIdle);
  row('KiB until the network is quiet', (r) => r.bytesToIdle, 1, KiB);
  return runs;
}

// ---- main -----------------------------------------------------------------------------------------------

const openRows: string[] = [];

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
      openRows.push(...(await clickToNewest(stack, OPEN_RUNS)));
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
    console.log(`\nA returning visitor with an ongoing chat of ${HISTORY} messages: click the launcher → newest message visible (N=${OPEN_RUNS} per kind)\n`);
    console.log('| condition | open | click → newest visible, ms: median (min–max) | goal | long tasks from the click until 0.5 s after visible | goal |\n|---|---|---:|---|---|---|');
    console.log(openRows.join('\n'));
  }
  notes.push(
    ...MEASURES,
    `headless Chromium (${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}), site isolation off, fresh context per run; host page http://site.test, chat server http://127.0.0.1 (another site), both widgets served gzip 6`,
    `load average: ${loadStart} at start, ${loadEnd} at the end (2 cores, shared); run took ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  console.log(`\n${notes.map((n) => `- ${n}`).join('\n')}`);
  clearTimeout(watchdog);
  return failed ? 1 : 0;
}

process.exitCode = await main();
