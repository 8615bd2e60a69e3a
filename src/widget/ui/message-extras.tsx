/**
 * The options some messages carry to answer with (a quick reply, a list picker). Loaded the first time
 * such a message is shown, with its styles and strings. (Files are message-files.tsx.)
 */
import type { UiMessage } from '../state/message-store.ts';
import { t } from '../i18n/index.ts';
import './forms-i18n.ts';
import { adoptStyles } from './styles.ts';

// Colours from the panel's custom properties (panel.css), so dark mode applies here too.
adoptStyles(
  '.choices{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}' +
    '.choices button{padding:6px 12px;border:1px solid var(--rcw-color,#1d4ed8);border-radius:16px;background:var(--bg);color:var(--fg);font:inherit;text-align:start;cursor:pointer;unicode-bidi:plaintext}' +
    '.choices button:hover{background:var(--hover)}.choices small{display:block;color:var(--mut)}',
);

export interface MessageExtrasProps {
  message: UiMessage;
  /** The options can still be answered (nothing was said after them). */
  answerable: boolean;
  onChoose: (messageId: string, index: number) => void;
}

export function MessageExtras({ message: m, answerable, onChoose }: MessageExtrasProps) {
  if (!answerable || !m.choices) return null;
  return (
    <div class="choices" role="group" aria-label={t('message.choices')}>
      {m.choices.map((c, i) => (
        <button type="button" key={i} onClick={() => onChoose(m.id, i)}>
          {c.title}
          {c.subtitle && <small>{c.subtitle}</small>}
        </button>
      ))}
    </div>
  );
}
