/**
 * The few strings the loader shows before the panel (and its translations) arrive: the launcher's name
 * and the load error. The panel replaces the launcher labels with its own once it runs — before it first
 * opens, so the loader has no "Close chat" to say.
 */
type LoaderStrings = [open: string, unread: string, failed: string];

const STRINGS: Record<string, LoaderStrings> = {
  en: ['Open chat', 'unread messages: {n}', 'The chat could not be loaded.'],
  pt: ['Abrir chat', 'mensagens não lidas: {n}', 'Não foi possível carregar o chat.'],
  es: ['Abrir chat', 'mensajes sin leer: {n}', 'No se pudo cargar el chat.'],
  de: ['Chat öffnen', 'ungelesene Nachrichten: {n}', 'Der Chat konnte nicht geladen werden.'],
  ar: ['فتح الدردشة', 'رسائل غير مقروءة: {n}', 'تعذر تحميل الدردشة.'],
};

export function loaderStrings(lang: string | undefined): LoaderStrings {
  const base = (lang ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return STRINGS[base] ?? STRINGS.en!;
}
