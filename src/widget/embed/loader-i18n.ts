/**
 * The few strings the loader shows before the panel (and its translations) arrive: the launcher's name
 * and the load error. The panel replaces the launcher labels with its own once it runs.
 */
type LoaderStrings = [open: string, close: string, unread: string, failed: string];

const STRINGS: Record<string, LoaderStrings> = {
  en: ['Open chat', 'Close chat', 'unread messages: {n}', 'The chat could not be loaded.'],
  pt: ['Abrir chat', 'Fechar chat', 'mensagens não lidas: {n}', 'Não foi possível carregar o chat.'],
  es: ['Abrir chat', 'Cerrar chat', 'mensajes sin leer: {n}', 'No se pudo cargar el chat.'],
  de: ['Chat öffnen', 'Chat schließen', 'ungelesene Nachrichten: {n}', 'Der Chat konnte nicht geladen werden.'],
  ar: ['فتح الدردشة', 'إغلاق الدردشة', 'رسائل غير مقروءة: {n}', 'تعذر تحميل الدردشة.'],
};

export function loaderStrings(lang: string | undefined): LoaderStrings {
  const base = (lang ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return STRINGS[base] ?? STRINGS.en!;
}
