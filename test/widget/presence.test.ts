import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { trackIdle, trackPageVisits } from '../../src/widget/state/presence.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('trackIdle', () => {
  it('reports away after the idle time and online on the next activity', () => {
    const statuses: string[] = [];
    const stop = trackIdle({ active: () => true, setStatus: async (s) => void statuses.push(s), idleMs: 60_000 });
    vi.advanceTimersByTime(59_000);
    window.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(59_000);
    expect(statuses).toEqual([]);
    vi.advanceTimersByTime(2_000);
    expect(statuses).toEqual(['away']);
    window.dispatchEvent(new Event('pointerdown'));
    expect(statuses).toEqual(['away', 'online']);
    stop();
    vi.advanceTimersByTime(120_000);
    expect(statuses).toEqual(['away', 'online']);
  });

  it('says nothing while there is no registered visitor', () => {
    const setStatus = vi.fn(async () => undefined);
    const stop = trackIdle({ active: () => false, setStatus, idleMs: 1_000 });
    vi.advanceTimersByTime(5_000);
    expect(setStatus).not.toHaveBeenCalled();
    stop();
  });
});

describe('trackPageVisits', () => {
  it('reports the page at start and after each navigation, once per address', async () => {
    const visits: string[] = [];
    const stop = trackPageVisits(() => 'url', (p) => visits.push(p.url));
    expect(visits).toEqual([location.href]);
    history.pushState({}, '', '#pricing');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await Promise.resolve();
    window.dispatchEvent(new PopStateEvent('popstate'));
    await Promise.resolve();
    expect(visits).toEqual([visits[0], location.href]);
    expect(visits[1]).toMatch(/#pricing$/);
    stop();
  });

  it("watches the title instead when the server's monitor type is 'title', and nothing for 'never'", async () => {
    document.head.innerHTML = '<title>Home</title>';
    const visits: string[] = [];
    const stop = trackPageVisits(() => 'title', (p) => visits.push(p.title));
    document.title = 'Checkout';
    await vi.waitFor(() => expect(visits).toEqual(['Home', 'Checkout']));
    stop();
    const none: string[] = [];
    const stop2 = trackPageVisits(() => 'never', (p) => none.push(p.title));
    expect(none).toEqual([]);
    stop2();
  });
});

describe('trackPageVisits in a single-page app', () => {
  it('hears pushState and replaceState (no event of their own), and nothing once stopped', async () => {
    const visits: string[] = [];
    const stop = trackPageVisits(() => 'url', (p) => visits.push(p.url));
    history.pushState({}, '', '/spa/pricing');
    await vi.waitFor(() => expect(visits.at(-1)).toMatch(/\/spa\/pricing$/));
    history.replaceState({}, '', '/spa/checkout');
    await vi.waitFor(() => expect(visits.at(-1)).toMatch(/\/spa\/checkout$/));
    const count = visits.length;
    stop();
    history.pushState({}, '', '/spa/after');
    await Promise.resolve();
    await Promise.resolve();
    expect(visits).toHaveLength(count);
  });

  it('reports each navigation once however often it was started and stopped', async () => {
    for (let i = 0; i < 3; i++) trackPageVisits(() => 'url', () => undefined)();
    const visits: string[] = [];
    const stop = trackPageVisits(() => 'url', (p) => visits.push(p.url));
    history.pushState({}, '', '/spa/once');
    await vi.waitFor(() => expect(visits.at(-1)).toMatch(/\/spa\/once$/));
    await Promise.resolve();
    expect(visits.filter((u) => u.endsWith('/spa/once'))).toHaveLength(1);
    stop();
  });
});
