/** The one place an error kind becomes a sentence for the visitor (its English loads with it). */
import type { ChatError, ChatErrorKind } from '../backend/errors.ts';
import { enTrouble } from '../i18n/en-trouble.ts';
import { addEnglish, t, type MessageKey } from '../i18n/index.ts';

addEnglish(enTrouble);

const KEYS: Record<ChatErrorKind, MessageKey> = {
  'invalid-params': 'error.invalidParams',
  'invalid-email': 'error.invalidEmail',
  unauthorized: 'error.unauthorized',
  'not-found': 'error.notFound',
  'room-closed': 'error.roomClosed',
  'no-agent': 'error.noAgent',
  disabled: 'error.disabled',
  'too-long': 'error.tooLong',
  'rate-limited': 'error.rateLimited',
  quota: 'error.quota',
  network: 'error.network',
  cors: 'error.cors',
  timeout: 'error.timeout',
  server: 'error.server',
  rejected: 'error.rejected',
  'file-too-large': 'error.fileTooLarge',
  'file-type': 'error.fileType',
};

export function errorText(error: ChatError): string {
  return t(KEYS[error.kind]);
}

export type ErrorContext = 'load' | 'start' | 'finish' | 'history' | 'attachment' | 'transcript' | 'download' | 'offline' | 'register' | 'transfer' | 'forget' | 'survey';

export function errorSentence(error: ChatError, during: ErrorContext): string {
  return `${t(`error.during.${during}`)} ${errorText(error)}`;
}
