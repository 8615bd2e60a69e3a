/**
 * What the panel shows only when something is wrong: a notice with its retry, an unsent message's
 * reason and actions, a lost connection, storage blocked, the chat unavailable, a failed download.
 * Loaded the first time one is needed, with its styles and strings: a chat where all is well never
 * downloads it.
 */
import type { ConnectionState } from '../backend/chat-backend.ts';
import type { Notice } from '../state/chat.ts';
import type { UiMessage } from '../state/message-store.ts';
import { t } from '../i18n/index.ts';
import { errorSentence, errorText } from './error-text.ts';
import { adoptStyles } from './styles.ts';

adoptStyles(
  '.notice{padding:10px 16px;background:#fef2f2;color:#7f1d1d;border-bottom:1px solid #fecaca;font-size:13px}' +
    '.notice p{margin:0 0 4px}.notice__actions{display:flex;gap:12px}' +
    '.notice .link-button,.status .link-button{color:inherit;font-weight:600}' +
    '.msg--failed{background:#fff;color:#111827;border:1px solid #dc2626}' +
    '.msg__failed{margin-top:4px;font-size:12px;color:#991b1b}.msg__actions{display:flex;gap:12px;margin-top:2px}' +
    // The load error's retry looks like the widget's button (forms.css), under its own name.
    '.retry{padding:9px 16px;border-radius:8px;border:0;background:var(--rcw-color,#1d4ed8);color:var(--rcw-on-color,#fff);cursor:pointer;font-weight:600}',
);

/** A problem not tied to one message, said plainly, with the matching retry. */
export function NoticeBanner({ notice, onRetry, retryLabel, onDismiss }: { notice: Notice; onRetry: (() => void) | undefined; retryLabel?: string; onDismiss: () => void }) {
  return (
    <div class="notice" role="alert">
      <p>{notice.during === 'recovered' ? t('recovery.notice') : errorSentence(notice.error, notice.during)}</p>
      <div class="notice__actions">
        {onRetry && (
          <button type="button" class="link-button" onClick={onRetry}>
            {retryLabel ?? t('error.retry')}
          </button>
        )}
        <button type="button" class="link-button" onClick={onDismiss}>
          {t('error.dismiss')}
        </button>
      </div>
    </div>
  );
}

/** Under a message of the visitor's that did not go: why, and what they can do. */
export function FailedNote({ message: m, queued, onRetry, onEdit }: { message: UiMessage; queued: boolean; onRetry: (id: string) => void; onEdit: (id: string) => void }) {
  if (m.status !== 'failed') return queued ? <p class="msg__note">{t('message.queued')}</p> : null;
  return (
    <div class="msg__failed">
      <p>
        {t('message.failed')} {m.error ? errorText(m.error) : ''} {m.retryAt !== undefined ? t('message.autoRetry') : ''}
      </p>
      <div class="msg__actions">
        <button type="button" class="link-button" onClick={() => onRetry(m.id)}>
          {t('message.retry')}
        </button>
        {m.retryAt === undefined && (
          <button type="button" class="link-button" onClick={() => onEdit(m.id)}>
            {t('message.edit')}
          </button>
        )}
      </div>
    </div>
  );
}

/** The words inside the connection's status line (the line itself is always there, so it is announced). */
export function ConnectionText({ state, onReconnect }: { state: ConnectionState; onReconnect: () => void }) {
  const text = state === 'reconnecting' ? t('connection.reconnecting') : state === 'offline' ? t('connection.offline') : t('connection.polling');
  return (
    <>
      <span>{text}</span>
      {state === 'reconnecting' && (
        <button type="button" class="link-button" onClick={onReconnect}>
          {t('connection.reconnectNow')}
        </button>
      )}
    </>
  );
}

/** The panel-wide ones: storage blocked, a download that failed, the chat unavailable or offline, loading failed. */
export function PanelTrouble(p: { memoryOnly: boolean; download?: Notice['error']; screen: string; offlineText?: string; onLoad: () => void }) {
  return (
    <>
      {p.memoryOnly && <p class="memory-note">{t('panel.memoryOnly')}</p>}
      {p.download && (
        <div class="notice" role="alert">
          <p>{errorSentence(p.download, 'download')}</p>
        </div>
      )}
      {p.screen === 'error' && (
        <div class="centered">
          <button type="button" class="retry" onClick={p.onLoad}>
            {t('error.retry')}
          </button>
        </div>
      )}
      {p.screen === 'unavailable' && <p class="centered">{t('panel.unavailable')}</p>}
      {p.screen === 'offline' && <p class="centered">{p.offlineText || t('panel.offline')}</p>}
    </>
  );
}
