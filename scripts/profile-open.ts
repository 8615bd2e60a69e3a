/**
 * `npm run bench:profile-open` (after `npm run build`): what the long tasks of a returning visitor's
 * click → newest message are made of, on a 4× slower CPU (issue 14). A DevTools trace (devtools.timeline
 * and the V8 sampler) of each open; every main-thread task over 50 ms from the click until the newest
 * message showed (+ 0.5 s) is broken down by what ran in it (script compile / evaluate, event and timer
 * callbacks, style, layout, paint, GC) and by the widget's functions that took the most samples (named
 * through the build's source maps when `dist/` has them: `vite build --mode panel --sourcemap`).
 * PROFILE_KIND=cold (default: panel not prefetched) | warm (panel prefetched at idle) | load (the page
 * load of a returning visitor: the idle background mount); PROFILE_RUNS (default 3). A diagnosis tool,
 * not a test: it prints, and exits 1 only when a measurement could not be taken.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import type { CDPSession } from '@playwright/test';
import { clickOurs } from './bench-official-open.ts';
import { forgetRoom, installProbes, type BenchWindow } from './bench-probes.ts';
import { NetLog, newContext, SLOW_CPU, SLOW_LINK, startStack, STEP_TIMEOUT_MS, UNTHROTTLED, type Stack, type StorageState } from './bench-official-stack.ts';
import { startChat } from './bench-room.ts';

const KIND = (process.env.PROFILE_KIND ?? 'cold') as 'cold' | 'warm' | 'load';
/** PROFILE_CONDITION=link: the slow link instead of the slow CPU. */
const CONDITION = process.env.PROFILE_CONDITION === 'link' ? SLOW_LINK : SLOW_CPU;
const RUNS = Math.max(1, Math.min(10, Number(process.env.PROFILE_RUNS ?? 3)));
const HISTORY = 30;
const NEWEST = 'bench-newest';
const LONG_MS = 50;

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: Record<string, unknown>; name?: string; [k: string]: unknown };
  id?: string;
}

const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8',
  'v8.execute',
  'blink.user_timing',
  'loading',
  'disabled-by-default-v8.cpu_profiler',
].join(',');

async function trace(cdp: CDPSession, run: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  await run();
  const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.end');
  await done;
  return events;
}

// ---- source maps ---------------------------------------------------------------------------------------

const maps = new Map<string, TraceMap | null>();
function mapFor(dist: string, url: string): TraceMap | null {
  const file = new URL(url).pathname.slice(1);
  if (!maps.has(file)) {
    const path = join(dist, `${file}.map`);
    maps.set(file, existsSync(path) ? new TraceMap(readFileSync(path, 'utf8')) : null);
  }
  return maps.get(file)!;
}

interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
function frameName(dist: string, f: Frame): string {
  if (!f.url) return f.functionName || '(native)';
  const short = new URL(f.url).pathname.replace(/^\//, '');
  const map = mapFor(dist, f.url);
  if (map) {
    const o = originalPositionFor(map, { line: f.lineNumber + 1, column: f.columnNumber });
    if (o.source) return `${o.name ?? (f.functionName || '(anon)')} ${o.source.replace(/^.*src\/widget\//, '').replace(/^.*node_modules\//, '')}:${o.line}`;
  }
  return `${f.functionName || '(anon)'} ${short}:${f.lineNumber + 1}:${f.columnNumber}`;
}

// ---- trace → long tasks ---------------------------------------------------------------------------------

interface Sample {
  ts: number;
  stack: Frame[];
}

/** The V8 sampler's chunks → samples with their stacks (leaf first), on the trace clock. */
function samplesOf(events: TraceEvent[], pid: number): Sample[] {
  const nodes = new Map<number, { frame: Frame; parent?: number }>();
  const out: Sample[] = [];
  const starts = new Map<string, number>();
  for (const e of events) if (e.name === 'Profile' && e.pid === pid) starts.set(String(e.id), (e.args?.data as { startTime: number }).startTime);
  const clock = new Map<string, number>();
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid) continue;
    const data = e.args?.data as { cpuProfile?: { nodes?: { id: number; parent?: number; callFrame: Frame }[]; samples?: number[] }; timeDeltas?: number[] };
    for (const n of data.cpuProfile?.nodes ?? []) nodes.set(n.id, { frame: n.callFrame, ...(n.parent !== undefined ? { parent: n.parent } : {}) });
    const id = String(e.id);
    let t = clock.get(id) ?? starts.get(id) ?? 0;
    const samples = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      t += deltas[i] ?? 0;
      const stack: Frame[] = [];
      for (let n: number | undefined = samples[i]; n !== undefined; n = nodes.get(n)?.parent) {
        const node = nodes.get(n);
        if (!node) break;
        stack.push(node.frame);
      }
      out.push({ ts: t, stack });
    }
    clock.set(id, t);
  }
  return out;
}

/** What a slice of the timeline is, in words. */
function kindOf(e: TraceEvent): string | undefined {
  const d = e.args?.data ?? {};
  switch (e.name) {
    case 'v8.compile':
    case 'v8.compileModule':
    case 'V8.CompileCode':
      return 'compile';
    case 'v8.evaluateModule':
      return 'module evaluate';
    case 'EvaluateScript':
      return 'script evaluate';
    case 'v8.parseOnBackground':
      return 'parse';
    case 'FunctionCall':
      return 'function call';
    case 'EventDispatch':
      return `event ${String(d.type ?? '')}`;
    case 'TimerFire':
      return 'timer';
    case 'FireIdleCallback':
      return 'idle callback';
    case 'FireAnimationFrame':
      return 'animation frame';
    case 'RunMicrotasks':
      return 'microtasks';
    case 'UpdateLayoutTree':
      return 'style';
    case 'Layout':
      return 'layout';
    case 'Paint':
    case 'PrePaint':
    case 'Layerize':
    case 'UpdateLayer':
      return 'paint';
    case 'MinorGC':
    case 'MajorGC':
    case 'V8.GC_SCAVENGER':
    case 'BlinkGC.AtomicPhase':
      return 'gc';
    case 'ParseHTML':
      return 'parse HTML';
    case 'ResourceReceivedData':
    case 'ResourceFinish':
      return 'network';
    case 'ScheduleStyleRecalculation':
    case 'InvalidateLayout':
      return undefined;
  }
  return undefined;
}

interface LongTaskReport {
  start: number;
  duration: number;
  /** Self time by kind of slice, ms. */
  kinds: Map<string, number>;
  /** Self samples by function, ms. */
  functions: Map<string, number>;
  /** Inclusive samples by widget module (source file), ms. */
  modules: Map<string, number>;
  /** Forced layouts: layout / style slices under a script. */
  forced: number;
}

/** `main`: an event of the page's renderer main thread (the browser's own pages have renderers too). */
function longTasks(events: TraceEvent[], main: TraceEvent, from: number, until: number, dist: string): LongTaskReport[] {
  const { pid, tid } = main;
  const onMain = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined);
  const samples = samplesOf(events, pid);
  const tasks = onMain.filter((e) => e.name === 'RunTask' && e.dur! / 1000 > LONG_MS && e.ts + e.dur! >= from && e.ts <= until);
  return tasks.map((task) => {
    const end = task.ts + task.dur!;
    const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= end).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    // Self time per slice: its duration minus its direct children's (kinded slices only).
    const kinded = inside.filter((e) => kindOf(e) !== undefined);
    const kinds = new Map<string, number>();
    let forced = 0;
    const stack: TraceEvent[] = [];
    const self = new Map<TraceEvent, number>();
    for (const e of kinded) {
      while (stack.length && stack[stack.length - 1]!.ts + stack[stack.length - 1]!.dur! <= e.ts) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) self.set(parent, (self.get(parent) ?? parent.dur!) - e.dur!);
      if ((e.name === 'Layout' || e.name === 'UpdateLayoutTree') && stack.some((s) => ['function call', 'script evaluate', 'module evaluate', 'timer', 'microtasks', 'idle callback'].includes(kindOf(s)!) || kindOf(s)!.startsWith('event'))) forced += e.dur! / 1000;
      self.set(e, self.get(e) ?? e.dur!);
      stack.push(e);
    }
    let covered = 0;
    for (const [e, us] of self) {
      const k = kindOf(e)!;
      kinds.set(k, (kinds.get(k) ?? 0) + us / 1000);
      covered += us / 1000;
    }
    kinds.set('(other: task overhead, unattributed)', Math.max(0, task.dur! / 1000 - covered));
    const functions = new Map<string, number>();
    const modules = new Map<string, number>();
    const inTask = samples.filter((s) => s.ts >= task.ts && s.ts <= end);
    for (let i = 0; i < inTask.length; i++) {
      const s = inTask[i]!;
      const next = inTask[i + 1]?.ts ?? end;
      const ms = Math.min(next - s.ts, 5000) / 1000;
      const leaf = s.stack[0];
      if (!leaf || leaf.functionName === '(idle)' || leaf.functionName === '(program)') continue;
      const name = frameName(dist, leaf);
      functions.set(name, (functions.get(name) ?? 0) + ms);
      const seen = new Set<string>();
      for (const f of s.stack) {
        if (!f.url) continue;
        const m = frameName(dist, f).split(' ')[1]?.replace(/:\d+(:\d+)?$/, '');
        if (m && !seen.has(m)) {
          seen.add(m);
          modules.set(m, (modules.get(m) ?? 0) + ms);
        }
      }
    }
    return { start: task.ts, duration: task.dur! / 1000, kinds, functions, modules, forced };
  });
}

const top = (m: Map<string, number>, n: number, min = 1) =>
  [...m]
    .filter(([, v]) => v >= min)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${k} ${v.toFixed(0)}`)
    .join(' · ');

// ---- runs ------------------------------------------------------------------------------------------------

async function seed(stack: Stack): Promise<StorageState> {
  const { context, page } = await newContext(stack.browser, UNTHROTTLED);
  try {
    await page.goto(stack.page('ours'));
    const room = await startChat(page, stack.agent, 'bench-first');
    const storageState = await context.storageState();
    const existing = (await stack.agent.history(room, HISTORY * 2)).length;
    for (let i = existing; i < HISTORY - 1; i++) await stack.agent.send(room._id, `Message ${i}: thanks for waiting, I am checking that for you now.`);
    await stack.agent.send(room._id, NEWEST);
    return storageState;
  } finally {
    await context.close();
  }
}

async function profileOnce(stack: Stack, storageState: StorageState, dist: string): Promise<{ from: number; total?: number; tasks: LongTaskReport[] }> {
  const { context, page, cdp } = await newContext(stack.browser, CONDITION, storageState);
  try {
    await context.addInitScript(installProbes);
    if (KIND === 'cold') await context.addInitScript(forgetRoom);
    const net = new NetLog(cdp);
    let clickTs = 0;
    let untilTs = 0;
    let total: number | undefined;
    let markAt = 0;
    const events = await trace(cdp, async () => {
      const mark = async () => (markAt = await page.evaluate(() => performance.mark('profile-open-clock').startTime));
      if (KIND === 'load') {
        await page.goto(stack.page('ours'), { timeout: STEP_TIMEOUT_MS });
        await net.quiet();
        await mark();
        return;
      }
      await clickOurs(stack, page, net, NEWEST);
      await mark();
    });
    const markEvent = events.find((e) => e.name === 'profile-open-clock');
    if (!markEvent) throw new Error('the clock mark is not in the trace');
    const markTs = markEvent.ts;
    const open = await page.evaluate(() => (window as unknown as BenchWindow).__open);
    // The page's clock (performance.now()) against the trace's: a user-timing mark is on both.
    const origin = markTs - markAt * 1000;
    if (KIND === 'load') {
      clickTs = origin;
      untilTs = Number.POSITIVE_INFINITY;
    } else if (open?.clickAt !== undefined) {
      clickTs = origin + open.clickAt * 1000;
      untilTs = origin + ((open.visibleAt ?? open.clickAt + 10_000) + 500) * 1000;
      if (open.visibleAt !== undefined) total = open.visibleAt - open.clickAt;
    }
    return { from: clickTs, ...(total !== undefined ? { total } : {}), tasks: longTasks(events, markEvent, clickTs, untilTs, dist) };
  } finally {
    await context.close();
  }
}

async function main(): Promise<number> {
  if (!existsSync('dist/widget.js')) {
    console.error('profile-open: no dist/widget.js: npm run build first');
    return 1;
  }
  const dist = mkdtempSync(join(tmpdir(), 'widget-profile-'));
  cpSync('dist', dist, { recursive: true });
  const mapped = readdirSync(dist).some((f) => f.endsWith('.js.map'));
  console.log(`load average: ${loadavg().map((n) => n.toFixed(1)).join(' ')}; ${KIND}, ${RUNS} runs, ${CONDITION.name}; source maps: ${mapped ? 'yes' : 'no (minified names)'}`);
  try {
    const stack = await startStack(dist);
    try {
      const state = await seed(stack);
      await profileOnce(stack, state, dist); // warm-up
      for (let i = 0; i < RUNS; i++) {
        const r = await profileOnce(stack, state, dist);
        console.log(`\nrun ${i + 1}: click → newest ${r.total?.toFixed(0) ?? '—'} ms; ${r.tasks.length} tasks > ${LONG_MS} ms`);
        for (const t of r.tasks) {
          console.log(`  ${t.duration.toFixed(0)} ms at +${((t.start - r.from) / 1000).toFixed(0)} ms (forced layout/style under script ${t.forced.toFixed(0)} ms)`);
          console.log(`    by kind: ${top(t.kinds, 10)}`);
          console.log(`    modules (inclusive): ${top(t.modules, 12, 2)}`);
          console.log(`    functions (self): ${top(t.functions, 12, 2)}`);
        }
      }
    } finally {
      await stack.close();
    }
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
  return 0;
}

process.exitCode = await main();
