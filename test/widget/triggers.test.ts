/** The trigger runner, as Rocket.Chat's widget runs triggers: conditions, who they are for, and runOnce. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Trigger } from '../../src/widget/backend/chat-backend.ts';
import { createStorage } from '../../src/widget/state/storage.ts';
import { runTriggers, urlMatches } from '../../src/widget/state/triggers.ts';

const say = { text: 'Hi!', from: 'custom' as const, name: 'Bot' };
const t = (id: string, when: Trigger['when'], runOnce = false): Trigger => ({ id, runOnce, when, say });

let url = 'https://shop.test/';
let registered = false;
let elapsed = 0;
function start(triggers: Trigger[], storage = createStorage(`trig-${Math.random()}`, null)) {
  const fired: string[] = [];
  const runner = runTriggers({ triggers, storage, registered: () => registered, pageUrl: () => url, elapsedMs: () => elapsed, fire: (x) => fired.push(x.id) });
  return { fired, runner, storage };
}

beforeEach(() => {
  vi.useFakeTimers();
  url = 'https://shop.test/';
  registered = false;
  elapsed = 0;
});
afterEach(() => vi.useRealTimers());

describe('trigger conditions', () => {
  it('time on site counts from the start of the page, not from when the widget loaded', () => {
    elapsed = 3_000;
    const { fired } = start([t('a', { kind: 'time-on-site', seconds: 5 })]);
    vi.advanceTimersByTime(1_999);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['a']);
  });

  it("the page's address, as a regular expression, at once and after single-page navigations", () => {
    url = 'https://shop.test/pricing';
    const { fired, runner } = start([t('p', { kind: 'page-url', pattern: 'pric(e|ing)' }), t('q', { kind: 'page-url', pattern: '/checkout$' })]);
    expect(fired).toEqual(['p']);
    url = 'https://shop.test/checkout';
    runner.navigated();
    expect(fired).toEqual(['p', 'q']);
    // A pattern that does not compile never matches (and never throws).
    expect(urlMatches('([', 'https://shop.test/([')).toBe(false);
  });

  it('opening the chat and registering fire their triggers when they happen', () => {
    const { fired, runner } = start([t('o', { kind: 'chat-opened' }), t('r', { kind: 'registered' })]);
    expect(fired).toEqual([]);
    runner.opened();
    registered = true;
    runner.registered();
    expect(fired).toEqual(['o', 'r']);
  });
});

describe('who triggers are for, and how often', () => {
  it('never for a registered visitor, except the after-registration one', () => {
    registered = true;
    url = 'https://shop.test/pricing';
    const { fired, runner } = start([t('p', { kind: 'page-url', pattern: 'pricing' }), t('s', { kind: 'time-on-site', seconds: 0 }), t('o', { kind: 'chat-opened' }), t('r', { kind: 'registered' })]);
    vi.advanceTimersByTime(1_000);
    runner.opened();
    runner.registered();
    expect(fired).toEqual(['r']);
  });

  it('a visitor who registers before the time is up gets no time-on-site message', () => {
    const { fired } = start([t('s', { kind: 'time-on-site', seconds: 10 })]);
    registered = true;
    vi.advanceTimersByTime(10_000);
    expect(fired).toEqual([]);
  });

  it('runOnce: once per visitor on this device, across page loads; the others once per page', () => {
    const storage = createStorage('trig-once', null);
    const triggers = [t('once', { kind: 'chat-opened' }, true), t('each', { kind: 'chat-opened' })];
    const first = start(triggers, storage);
    first.runner.opened();
    first.runner.opened();
    expect(first.fired).toEqual(['once', 'each']);
    const second = start(triggers, storage);
    second.runner.opened();
    expect(second.fired).toEqual(['each']);
  });
});
