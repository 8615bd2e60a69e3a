/**
 * The launcher's words in the widget's languages other than English (loader-i18n.ts), by the first two
 * letters of the language tag. Its own file, dist/widget-strings-<hash>.js (vite.config.ts,
 * `--mode loader-parts`): only a page in one of these languages fetches it. They are the panel's words too
 * (test/widget/i18n.test.ts checks it).
 */
import type { LoaderStrings } from './loader-i18n.ts';

export const STRINGS: Record<string, LoaderStrings | undefined> = {
  pt: ['Abrir chat', 'mensagens não lidas: {n}', 'Não foi possível carregar o chat.'],
  es: ['Abrir chat', 'mensajes sin leer: {n}', 'No se pudo cargar el chat.'],
  de: ['Chat öffnen', 'ungelesene Nachrichten: {n}', 'Der Chat konnte nicht geladen werden.'],
  ar: ['فتح الدردشة', 'رسائل غير مقروءة: {n}', 'تعذر تحميل الدردشة.'],
};

/** `lang`: a tag OTHER_LANGUAGE (loader-i18n.ts) accepted. */
export const stringsFor = (lang: string) => STRINGS[lang.slice(0, 2).toLowerCase()];
