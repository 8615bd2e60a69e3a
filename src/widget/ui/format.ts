/** Dates and times in the visitor's language, with formatters cached per language. */
import { language } from '../i18n/index.ts';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'time' | 'day'): Intl.DateTimeFormat {
  const key = `${language.value}:${kind}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language.value, kind === 'time' ? { hour: 'numeric', minute: '2-digit' } : { dateStyle: 'long' });
    cache.set(key, f);
  }
  return f;
}

export const formatTime = (ms: number) => formatter('time').format(ms);
export const formatDay = (ms: number) => formatter('day').format(ms);
export const sameDay = (a: number, b: number) => new Date(a).toDateString() === new Date(b).toDateString();

/**
 * The page's first date formatter costs about 50 ms of one core (ICU opens its data, lists the locales it
 * has, loads the locale's): 200 ms on a 4× slower CPU, in whichever task first formats a date — the
 * render of the conversation. Paid beforehand when the page is idle (while the first answers are on
 * their way), in steps of an idle callback each. (A worker would pay it off the page's thread, but a
 * strict CSP refuses blob: workers, and says so to the site.)
 */
export async function warmDates(): Promise<void> {
  for (const step of [() => new Intl.Locale(language.value).maximize(), () => Intl.DateTimeFormat.supportedLocalesOf(language.value), () => formatTime(0), () => formatDay(0)]) {
    // At idle, or soon in any case: a page busy loading (the panel mounting closed by itself) has no idle
    // time before the conversation renders, and ICU's cost would land in that render again.
    await new Promise((resolve) => (window.requestIdleCallback ?? setTimeout)(resolve, { timeout: 100 }));
    step();
  }
}
