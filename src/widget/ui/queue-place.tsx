/**
 * Where the chat waits for an agent: the visitor's place in the queue and the server's estimate, in
 * the visitor's language. Loaded the first time a chat waits in a queue.
 */
import type { QueuePlace } from '../backend/chat-backend.ts';
import { language, t } from '../i18n/index.ts';
import { adoptStyles } from './styles.ts';
import './extras-i18n.ts';

adoptStyles('.queue p{margin:0;padding:8px 16px;font-size:13px;background:var(--soft,#f6f7f9);color:var(--fg,#111827);border-bottom:1px solid var(--line,#e5e7eb)}');

/** "about 3 minutes", by the browser's own unit names in the visitor's language. */
export function minutes(seconds: number, lang: string): string {
  const n = Math.ceil(seconds / 60);
  try {
    return new Intl.NumberFormat(lang, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(n);
  } catch {
    return `${n} min`;
  }
}

export function QueueInfo({ place }: { place: QueuePlace }) {
  const wait = place.waitSeconds;
  return (
    <p>
      {t('queue.position', { position: place.position })}{' '}
      {wait === undefined ? '' : wait < 60 ? t('queue.waitShort') : t('queue.wait', { time: minutes(wait, language.value) })}
      {place.message && <span class="queue__message"> {place.message}</span>}
    </p>
  );
}
