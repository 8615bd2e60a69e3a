/**
 * The cold open as a waterfall: a returning visitor (an ongoing chat, the panel not prefetched) clicks the
 * launcher on the slow link (150 ms RTT, 1.6 Mbps), and every request is printed with its start and end
 * relative to the click, beside when the newest message became visible. What issue 14's 600 ms goal is
 * spent on. `npm run build && npm run bench:waterfall [-- runs]` (default 1; WATERFALL_CPU=4 adds
 * a 4× slower CPU).
 */
import { startChat } from './bench-room.ts';
import { clickOurs } from './bench-official-open.ts';
import { forgetRoom, installProbes, type BenchWindow } from './bench-probes.ts';
import { median, NetLog, newContext, SLOW_LINK, startStack, STEP_TIMEOUT_MS, UNTHROTTLED, type Condition } from './bench-official-stack.ts';

const NEWEST = 'bench-newest';
const runs = Number(process.argv[2] ?? 1);
const condition: Condition = process.env.WATERFALL_CPU ? { ...SLOW_LINK, cpu: Number(process.env.WATERFALL_CPU) } : SLOW_LINK;

const stack = await startStack('dist');
try {
  const seed = await newContext(stack.browser, UNTHROTTLED);
  await seed.page.goto(stack.page('ours'));
  const room = await startChat(seed.page, stack.agent, 'bench-first');
  const storageState = await seed.context.storageState();
  await seed.context.close();
  for (let i = 0; i < 28; i++) await stack.agent.send(room._id, `Message ${i}: thanks for waiting, I am checking that for you now.`);
  await stack.agent.send(room._id, NEWEST);

  const totals: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const { context, page, cdp } = await newContext(stack.browser, condition, storageState);
    await context.addInitScript(installProbes);
    // As bench-official-open.ts's "panel not prefetched": no remembered room, so no idle prefetch.
    await context.addInitScript(forgetRoom);
    const net = new NetLog(cdp);
    await clickOurs(stack, page, net, NEWEST);
    const { open, origin } = await page.evaluate(() => ({ open: (window as unknown as BenchWindow).__open, origin: performance.timeOrigin }));
    await context.close();
    const click = origin + open.clickAt!;
    const at = (t: number | undefined) => (t === undefined ? '—' : String(Math.round(t - origin - open.clickAt!)).padStart(5));
    if (run === 0) continue; // warm-up
    if (open.visibleAt !== undefined) totals.push(open.visibleAt - open.clickAt!);
    console.log(`\nrun ${run}: panel shown ${at(open.panelShownAt! + origin)} ms, newest in DOM ${at(open.inDomAt! + origin)} ms, visible ${at(open.visibleAt! + origin)} ms`);
    console.log(' start    end  bytes  request');
    for (const r of [...net.requests.values()].filter((r) => (r.end ?? Infinity) >= click).sort((a, b) => a.start - b.start)) {
      const name = r.url.replace(stack.api, '').replace(/\?.*$/, '');
      console.log(`${at(r.start)}  ${at(r.end)}  ${String(r.bytes).padStart(5)}  ${name}${r.failed ? ' (failed)' : ''}`);
    }
  }
  console.log(`\nclick → newest visible, median of ${totals.length}: ${Math.round(median(totals))} ms (${totals.map(Math.round).join(', ')})`);
} finally {
  await stack.close();
}
