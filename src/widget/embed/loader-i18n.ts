/**
 * The few strings the loader shows before the panel (and its translations) arrive: the launcher's name
 * and the load error. English is carried; the widget's other languages are a chunk of their own
 * (launcher-strings.ts), fetched at once on a page in one of them, and the launcher's name follows when
 * it arrives. The panel replaces the launcher labels with its own once it runs — before it first opens,
 * so the loader has no "Close chat" to say.
 */
export type LoaderStrings = [open: string, unread: string, failed: string];

export const ENGLISH: LoaderStrings = ['Open chat', 'unread messages: {n}', 'The chat could not be loaded.'];

/** A language tag (`pt-BR`, `de_AT`, `ar`) whose words are in launcher-strings.ts: its first two letters name them. */
export const OTHER_LANGUAGE = /^(pt|es|de|ar)(?![a-z])/i;
