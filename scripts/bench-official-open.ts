/**
 * Click → newest message visible, for a returning visitor with an ongoing chat of HISTORY messages, the
 * newest from the agent: ours (panel prefetched at idle, or not) and the official widget, on the slow
 * link and on the slow CPU, with the long tasks from the click until just after. For scripts/bench-official.ts.
 */
import type { Frame, Locator, Page } from '@playwright/test';
import type { WireRoom } from '../src/shared/rocketchat/wire.ts';
import { roomOf, startChat } from './bench-room.ts';
import { armOfficialOpen, armOpenProbe, forgetRoom, installProbes, sideProbes, type BenchWindow, type OfficialOpen } from './bench-probes.ts';
import { fmt, LONG_TASK_MS, median, NetLog, newContext, QUIET_MS, sideState, SLOW_CPU, SLOW_LINK, spread, STEP_TIMEOUT_MS, uniqueTasks, UNTHROTTLED, type Condition, type Stack, type StorageState } from './bench-official-stack.ts';

export const HISTORY = 30;
const NEWEST_TEXT = 'bench-newest';
const FIRST_TEXT = 'bench-first';
export const OPEN_GOAL_MS = 600;
const SHOTS = process.env.BENCH_SHOTS;

// ---- our widget: click → newest message visible -----------------------------------------------------

/**
 * A visitor's click, and nothing of Playwright's in the page while it is measured. Locator.click checks
 * its hit target with a listener inside the page, in the click's own task, and the first waitForFunction
 * in a frame evaluates Playwright's injected script there (70–100 ms at 4× CPU): both were counted as the
 * widget's long tasks. So the injected script is evaluated before the click, and the click is raw input
 * at the target's centre.
 */
export async function visitorClick(page: Page, frame: Page | Frame, target: Locator): Promise<void> {
  await frame.waitForFunction(() => true);
  const box = await target.boundingBox();
  if (!box) throw new Error('the launcher has no box');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/**
 * Our host page, its launcher, a visitor's click, until `newest` is visible (or 10 s) and the network is
 * quiet again; `__open` (armOpenProbe) holds the times. Shared by bench-waterfall.ts and profile-open.ts.
 */
export async function clickOurs(stack: Stack, page: Page, net: NetLog, newest: string): Promise<void> {
  await page.goto(stack.page('ours'), { timeout: STEP_TIMEOUT_MS });
  const launcher = page.getByRole('button', { name: /^Open chat/ });
  await launcher.waitFor({ timeout: STEP_TIMEOUT_MS });
  await net.quiet();
  await page.evaluate(armOpenProbe, newest);
  await visitorClick(page, page, launcher);
  await page.waitForFunction(() => (window as unknown as BenchWindow).__open.visibleAt !== undefined, undefined, { timeout: 10_000 }).catch(() => undefined);
  await net.quiet();
}

/** A returning visitor with an ongoing chat of HISTORY messages, the newest from the agent. */
async function seedConversation(stack: Stack): Promise<StorageState> {
  const { context, page } = await newContext(stack.browser, UNTHROTTLED);
  try {
    await page.goto(stack.page('ours'));
    const room = await startChat(page, stack.agent, FIRST_TEXT);
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
    // Not prefetched: the click pays for panel, config and history.
    if (!prefetch) await context.addInitScript(forgetRoom);
    await clickOurs(stack, page, new NetLog(cdp), NEWEST_TEXT);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/ours-open-${prefetch ? 'warm' : 'cold'}-${condition.cpu ? 'cpu' : 'link'}.png` });
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
    await fillRoom(stack, await roomOf(stack.agent, token));
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
    await visitorClick(page, frame, frame.locator(OFFICIAL_BUBBLE));
    await frame.waitForFunction(() => (window as unknown as { __officialOpen: OfficialOpen }).__officialOpen.visibleAt !== undefined, undefined, { timeout: 10_000 }).catch(() => undefined);
    await net.quiet();
    const open = await frame.evaluate(() => (window as unknown as { __officialOpen: OfficialOpen }).__officialOpen);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/official-open-${condition.cpu ? 'cpu' : 'link'}.png` });
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

/** Rows of the click → newest table: both widgets, slow link and slow CPU. */
export async function clickToNewest(stack: Stack, openRuns: number): Promise<string[]> {
  const openRows: string[] = [];
  const storageState = await seedConversation(stack);
  const officialStorage = await seedOfficial(stack);
  for (const condition of [SLOW_LINK, SLOW_CPU]) {
    const runs: Record<'cold' | 'warm' | 'official', OpenRun[]> = { cold: [], warm: [], official: [] };
    // Warm-ups, not counted.
    await openOnce(stack, storageState, condition, false);
    await officialOpenOnce(stack, officialStorage, condition);
    for (let i = 0; i < openRuns; i++) {
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
  return openRows;
}
