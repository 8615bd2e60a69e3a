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
