/** The one place an error kind becomes a sentence for the visitor (its English loads with it). */
import type { ChatError, ChatErrorKind } from '../backend/errors.ts';
import { enTrouble } from '../i18n/en-trouble.ts';
import { addEnglish, t } from '../i18n/index.ts';

addEnglish(enTrouble);

/** `room-closed` → `roomClosed`: each kind's sentence is under `error.<kind in camel case>`. */
type Camel<K extends string> = K extends `${infer A}-${infer B}` ? `${A}${Capitalize<Camel<B>>}` : K;
type ErrorKey = `error.${Camel<ChatErrorKind>}`;

// Computed rather than listed (a table of them was 0.1 KiB of every chat); `t` takes only known keys,
// so a kind added without its sentence fails to compile.
const keyOf = (kind: ChatErrorKind) => `error.${kind.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}` as ErrorKey;

export function errorText(error: ChatError): string {
  return t(keyOf(error.kind));
}

export type ErrorContext = 'load' | 'start' | 'finish' | 'history' | 'attachment' | 'transcript' | 'download' | 'offline' | 'register' | 'transfer' | 'forget' | 'survey';

export function errorSentence(error: ChatError, during: ErrorContext): string {
  return `${t(`error.during.${during}`)} ${errorText(error)}`;
}
