/**
 * The few strings the loader shows before the panel (and its translations) arrive: the launcher's name
 * and the load error. The panel replaces the launcher labels with its own once it runs.
 */
type LoaderStrings = [open: string, close: string, unread: string, failed: string];

const STRINGS: Record<string, LoaderStrings> = {
  en: ['Open chat', 'Close chat', '{n} unread messages', 'The chat could not be loaded.'],
  pt: ['Abrir chat', 'Fechar chat', '{n} mensagens não lidas', 'Não foi possível carregar o chat.'],
  es: ['Abrir chat', 'Cerrar chat', '{n} mensajes sin leer', 'No se pudo cargar el chat.'],
  de: ['Chat öffnen', 'Chat schließen', '{n} ungelesene Nachrichten', 'Der Chat konnte nicht geladen werden.'],
  ar: ['فتح الدردشة', 'إغلاق الدردشة', '{n} رسائل غير مقروءة', 'تعذر تحميل الدردشة.'],
};

export function loaderStrings(lang: string | undefined): LoaderStrings {
  const base = (lang ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return STRINGS[base] ?? STRINGS.en!;
}
