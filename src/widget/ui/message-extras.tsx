/**
 * What some messages carry besides text: options to answer with (a quick reply, a list picker) and
 * files. Loaded the first time such a message is shown, with its styles and strings.
 */
import type { UiMessage } from '../state/message-store.ts';
import { t } from '../i18n/index.ts';
import './forms-i18n.ts';
import { adoptStyles } from './styles.ts';

adoptStyles(
  '.choices{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}' +
    '.choices button{padding:6px 12px;border:1px solid var(--rcw-color,#1d4ed8);border-radius:16px;background:#fff;color:#111827;font:inherit;text-align:start;cursor:pointer;unicode-bidi:plaintext}' +
    '.choices button:hover{background:#eef2ff}.choices small{display:block;color:#4b5563}' +
    '.files{margin:6px 0 0;padding:0;list-style:none}.files button{color:inherit}',
);

export interface MessageExtrasProps {
  message: UiMessage;
  /** The options can still be answered (nothing was said after them). */
  answerable: boolean;
  onChoose: (messageId: string, index: number) => void;
  onOpenFile: (attachmentId: string) => void;
}

export function MessageExtras({ message: m, answerable, onChoose, onOpenFile }: MessageExtrasProps) {
  return (
    <div>
      {answerable && m.choices && (
        <div class="choices" role="group" aria-label={t('message.choices')}>
          {m.choices.map((c, i) => (
            <button type="button" key={i} onClick={() => onChoose(m.id, i)}>
              {c.title}
              {c.subtitle && <small>{c.subtitle}</small>}
            </button>
          ))}
        </div>
      )}
      {m.attachments && (
        <ul class="files">
          {m.attachments.map((a) => (
            <li key={a.id}>
              {a.status ? (
                t(a.status === 'pending' ? 'message.filePending' : 'message.fileRejected', { name: a.name })
              ) : (
                <button type="button" class="link-button" onClick={() => onOpenFile(a.id)}>
                  {t('message.file', { name: a.name })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
