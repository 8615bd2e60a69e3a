/**
 * In-page probes shared by the benches (scripts/bench.ts, scripts/bench-official.ts). They are serialised
 * into the page by Playwright, so each may only use what it declares itself.
 */

export interface LongTask {
  start: number;
  duration: number;
}
export interface LongFrame extends LongTask {
  blocking: number;
  scripts: { url: string; duration: number }[];
}
export interface BenchState {
  longTasks: LongTask[];
  longFrames: LongFrame[];
  launcherAt?: number;
}
export interface OpenProbe {
  clickAt?: number;
  /** First frame after the click in which the panel is displayed. */
  panelShownAt?: number;
  inDomAt?: number;
  visibleAt?: number;
}
/** What the probes add to `window` (a cast, not a global declaration: widget code must not see these). */
export interface BenchWindow {
  __bench: BenchState;
  __open: OpenProbe;
}

/**
 * tsx compiles this file with esbuild's keepNames, which wraps inner functions in `__name(…)`; Playwright
 * sends our functions to the page as source text, where that helper does not exist. Define it first.
 */
export const NAME_SHIM = 'globalThis.__name ??= (f) => f;';

/**
 * Installed before any page script runs: long tasks and long animation frames (the latter name the
 * scripts that ran in them, which is how a long task is attributed to the widget), and the first frame
 * in which the launcher is laid out and visible.
 */
export function installProbes(): void {
  const bench: BenchState = { longTasks: [], longFrames: [] };
  (window as unknown as BenchWindow).__bench = bench;
  // The default buffer stops at 250 entries: a long conversation's history pages would go uncounted.
  performance.setResourceTimingBufferSize(100_000);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  type Loaf = PerformanceEntry & { blockingDuration: number; scripts: { sourceURL: string; duration: number }[] };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Loaf[]) {
        bench.longFrames.push({ start: e.startTime, duration: e.duration, blocking: e.blockingDuration, scripts: e.scripts.map((s) => ({ url: s.sourceURL, duration: s.duration })) });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // No long-animation-frame support: attribution falls back to comparing with the no-widget runs.
  }
  const poll = () => {
    const button = document.querySelector('[data-rocketchat-widget]')?.shadowRoot?.querySelector('button');
    if (button && button.checkVisibility() && button.getBoundingClientRect().width > 0) {
      bench.launcherAt = performance.now();
      return;
    }
    if (performance.now() < 15_000) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}


/**
 * Armed before the click: the click's time, when the newest message enters the DOM (MutationObserver),
 * and the first frame in which it is laid out inside the visible part of the open conversation.
 */
export function armOpenProbe(newest: string): void {
  const probe: OpenProbe = {};
  (window as unknown as BenchWindow).__open = probe;
  const root = document.querySelector('[data-rocketchat-widget]')!.shadowRoot!;
  const newestBody = () => {
    const bodies = root.querySelectorAll('[role="log"] ol > li:last-child .msg__body');
    const body = bodies[bodies.length - 1];
    return body?.textContent === newest ? body : undefined;
  };
  document.addEventListener('click', (e) => (probe.clickAt ??= e.timeStamp), { capture: true, once: true });
  const observer = new MutationObserver(() => {
    if (probe.clickAt !== undefined && probe.inDomAt === undefined && newestBody()) probe.inDomAt = performance.now();
  });
  observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  const frame = () => {
    if (probe.clickAt !== undefined) {
      const body = newestBody();
      const panel = root.querySelector<HTMLElement>('[role="dialog"]');
      if (panel && !panel.hidden) probe.panelShownAt ??= performance.now();
      if (body && panel && !panel.hidden) {
        probe.inDomAt ??= performance.now(); // already rendered before the click (prefetched)
        const scroller = root.querySelector('[role="log"]')!.parentElement!;
        const r = body.getBoundingClientRect();
        const s = scroller.getBoundingClientRect();
        if (r.height > 0 && r.bottom > s.top && r.top < s.bottom) {
          probe.visibleAt = performance.now();
          observer.disconnect();
          return;
        }
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** What `sideProbes` keeps in each frame, in epoch ms (frames have time origins of their own). */
export interface SideState {
  /** This frame is the official widget's iframe: everything that runs in it is the widget's. */
  official: boolean;
  launcherAt?: number;
  longTasks: LongTask[];
  /** Long animation frames and the script URLs that ran in them (how a long task is told to be a widget's). */
  longFrames: { start: number; duration: number; scripts: string[] }[];
}
export interface SideWindow {
  __side: SideState;
}

/**
 * For scripts/bench-official.ts, installed in every frame (the host page and the official widget's
 * iframe): long tasks, and the first frame in which a launcher is laid out and visible — ours in its
 * shadow root on the page, the official one's bubble (`screen__chat-button`) inside its iframe.
 */
export function sideProbes(): void {
  const side: SideState = { official: location.pathname.startsWith('/livechat'), longTasks: [], longFrames: [] };
  (window as unknown as SideWindow).__side = side;
  const epoch = (t: number) => performance.timeOrigin + t;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) side.longTasks.push({ start: epoch(e.startTime), duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    type Loaf = PerformanceEntry & { scripts: { sourceURL: string }[] };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Loaf[]) side.longFrames.push({ start: epoch(e.startTime), duration: e.duration, scripts: e.scripts.map((x) => x.sourceURL) });
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // An entry type this Chromium does not know: the figures say 0 then, and the blank page's runs show it.
  }
  // The official bubble counts once its iframe's stylesheets apply (before that it is an unstyled button).
  const styled = () => [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].every((l) => l.sheet) && document.styleSheets.length > 0;
  const official = side.official;
  const find = () => (official ? document.querySelector('[class*="screen__chat-button"]') : document.querySelector('[data-rocketchat-widget]')?.shadowRoot?.querySelector('button'));
  const poll = () => {
    const el = find();
    const box = el?.getBoundingClientRect();
    const inView = box && box.width > 0 && box.height > 0 && box.right <= innerWidth && box.bottom <= innerHeight;
    if (el && inView && (!official || styled()) && el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
      side.launcherAt = epoch(performance.now());
      return;
    }
    if (performance.now() < 60_000) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

/** What `armOfficialOpen` records in the official widget's iframe, in epoch ms. */
export interface OfficialOpen {
  clickAt?: number;
  visibleAt?: number;
}

/**
 * Armed in the official widget's iframe before the click: the click's time, and the first frame in which
 * a text node reading `newest` is laid out inside the iframe's viewport once the host page has grown the
 * iframe past its 86 px closed box (the host resizes it when the iframe asks, by postMessage).
 */
export function armOfficialOpen(newest: string): void {
  const probe: OfficialOpen = {};
  (window as unknown as { __officialOpen: OfficialOpen }).__officialOpen = probe;
  const epoch = (t: number) => performance.timeOrigin + t;
  document.addEventListener('click', (e) => (probe.clickAt ??= epoch(e.timeStamp)), { capture: true, once: true });
  const shown = () => {
    if (innerHeight < 200) return false;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeValue?.trim() !== newest || !n.parentElement) continue;
      const r = n.parentElement.getBoundingClientRect();
      if (r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth && n.parentElement.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return true;
    }
    return false;
  };
  const started = performance.now();
  const frame = () => {
    if (probe.clickAt !== undefined && shown()) {
      probe.visibleAt = epoch(performance.now());
      return;
    }
    if (performance.now() - started < 60_000) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/**
 * An init script: the visitor's remembered room id and open state forgotten (the token kept, so the
 * server's config hands the open room back). Without them the loader does not prefetch the panel at idle,
 * so a click pays for panel, config and history, as when a visitor clicks before the prefetch.
 */
export function forgetRoom(): void {
  for (const key of Object.keys(localStorage)) if (/^rcw:[^:]+:(rid|open)$/.test(key)) localStorage.removeItem(key);
}
