/**
 * `npm run bench:redraw [dist…]` (after `npm run build`): what the page's main thread pays each time the
 * agent starts or stops typing in an ongoing chat of HISTORY messages, on a 4× slower CPU. The panel
 * renders again for every signal it reads; this measures whether the conversation is drawn again with it.
 * Given several built `dist` folders (another checkout's, say), they are measured alternately in one run,
 * so the figures compare under the same load. Prints main-thread task time per typing change (CDP
 * Performance metrics) and the longest task seen (longtask entries), median (min–max) over RUNS.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { newContext, SLOW_CPU, spread, startStack, STEP_TIMEOUT_MS, UNTHROTTLED, type Stack } from './bench-official-stack.ts';
import WebSocket from 'ws';
import { AgentClient } from '../src/shared/rocketchat/agent-client.ts';
import { startChat } from './bench-room.ts';
import type { WireRoom } from '../src/shared/rocketchat/wire.ts';

const HISTORY = 100;
const CHANGES = 20;
const RUNS = Math.max(1, Math.min(10, Number(process.env.BENCH_RUNS ?? 3)));

interface Seeded {
  stack: Stack;
  typist: AgentClient;
  room: WireRoom;
  storageState: Awaited<ReturnType<Awaited<ReturnType<typeof newContext>>['context']['storageState']>>;
}

async function seed(dist: string): Promise<Seeded> {
  const stack = await startStack(dist);
  // Typing travels over an agent's socket (Node 20 has no WebSocket of its own).
  const typist = new AgentClient(stack.api, { WebSocket: WebSocket as unknown as typeof globalThis.WebSocket });
  await typist.login('agent', 'agent-pass');
  await typist.connect();
  const { context, page } = await newContext(stack.browser, UNTHROTTLED);
  try {
    await page.goto(stack.page('ours'));
    const room = await startChat(page, stack.agent, 'bench-first');
    for (let i = 1; i < HISTORY; i++) await stack.agent.send(room._id, `Message ${i}: thanks for waiting, I am checking that for you now.`);
    return { stack, typist, room, storageState: await context.storageState() };
  } finally {
    await context.close();
  }
}

const taskSeconds = async (cdp: Awaited<ReturnType<typeof newContext>>['cdp']) =>
  (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN;

async function once(s: Seeded): Promise<{ perChange: number; longest: number }> {
  const { context, page, cdp } = await newContext(s.stack.browser, UNTHROTTLED, s.storageState);
  try {
    await page.goto(s.stack.page('ours'), { timeout: STEP_TIMEOUT_MS });
    await page.getByRole('button', { name: /^Open chat/ }).click();
    await page.getByText(`Message ${HISTORY - 1}:`).waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.evaluate(() => {
      const w = window as unknown as { __longest: number };
      w.__longest = 0;
      new PerformanceObserver((list) => list.getEntries().forEach((e) => (w.__longest = Math.max(w.__longest, e.duration)))).observe({ type: 'longtask' });
    });
    await cdp.send('Performance.enable');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_CPU.cpu! });
    const typing = page.getByText(/is typing…$/);
    const before = await taskSeconds(cdp);
    for (let i = 0; i < CHANGES / 2; i++) {
      await s.typist.typing(s.room._id, true);
      await typing.waitFor({ timeout: STEP_TIMEOUT_MS });
      await s.typist.typing(s.room._id, false);
      await typing.waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
    }
    const after = await taskSeconds(cdp);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const longest = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
    return { perChange: ((after - before) * 1000) / CHANGES, longest };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const dists = process.argv.slice(2).length ? process.argv.slice(2) : ['dist'];
  for (const d of dists)
    if (!existsSync(`${d}/widget.js`)) {
      console.error(`bench-redraw: no ${d}/widget.js: npm run build first`);
      process.exit(1);
    }
  console.log(`load average: ${loadavg().map((n) => n.toFixed(1)).join(' ')}; ${HISTORY} messages, ${CHANGES} typing changes per run, ${RUNS} runs, ${SLOW_CPU.name}`);
  const seeded: Seeded[] = [];
  try {
    for (const d of dists) seeded.push(await seed(d));
    const results = seeded.map(() => ({ perChange: [] as number[], longest: [] as number[] }));
    for (let r = 0; r < RUNS; r++)
      for (const [i, s] of seeded.entries()) {
        const x = await once(s);
        results[i]!.perChange.push(x.perChange);
        results[i]!.longest.push(x.longest);
      }
    console.log('\n| build | main-thread time per typing change, ms | longest task, ms |\n|---|---:|---:|');
    for (const [i, d] of dists.entries()) console.log(`| ${d} | ${spread(results[i]!.perChange, 1)} | ${spread(results[i]!.longest)} |`);
  } finally {
    for (const s of seeded) {
      s.typist.disconnect();
      await s.stack.close();
    }
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
