/**
 * UI strings by key, in the current language. English ships in the panel bundle; other locales are
 * separate chunks loaded when selected (`setLanguage`, the server config, or the page's `lang`).
 */
import { computed, signal } from '@preact/signals';
import { en, type MessageKey, type Messages } from './en.ts';

export type { MessageKey, Messages };

type Loader = () => Promise<{ messages: Messages }>;

/** Locales other than English, each its own chunk, loaded when chosen. Keys are lower-case BCP 47 tags. */
const LOADERS: Record<string, Loader> = {
  'pt-br': () => import('./locales/pt-BR.ts'),
  es: () => import('./locales/es.ts'),
  de: () => import('./locales/de.ts'),
  ar: () => import('./locales/ar.ts'),
};


/** English strings of lazily loaded screens, added as those screens load (see en-forms.ts). */
const englishExtra: Partial<Messages> = {};
export function addEnglish(more: Partial<Messages>): void {
  Object.assign(englishExtra, more);
}

const active = signal<{ tag: string; messages: Partial<Messages> }>({ tag: 'en', messages: en });

export const language = computed(() => active.value.tag);
export const direction = computed<'ltr' | 'rtl'>(() => (/^(ar|he|fa|ur)\b/i.test(active.value.tag) ? 'rtl' : 'ltr'));

/** Best supported match for a requested tag: exact (pt-BR), then the base language (pt). */
export function resolveLocale(requested: string | undefined): string {
  if (!requested) return 'en';
  const tag = requested.replace('_', '-').toLowerCase();
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  if (LOADERS[tag]) return tag;
  const base = tag.split('-')[0]!;
  if (LOADERS[base]) return base;
  const sameBase = Object.keys(LOADERS).find((k) => k.split('-')[0] === base);
  return sameBase ?? 'en';
}

let pending = 0;
export async function setLanguage(requested: string | undefined): Promise<string> {
  const tag = resolveLocale(requested);
  const ticket = ++pending;
  if (tag === 'en') {
    active.value = { tag, messages: en };
    return tag;
  }
  const { messages } = await LOADERS[tag]!();
  // A later call wins even if its locale loaded first.
  if (ticket === pending) active.value = { tag, messages };
  return tag;
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const template = active.value.messages[key] ?? (en as Partial<Messages>)[key] ?? englishExtra[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
