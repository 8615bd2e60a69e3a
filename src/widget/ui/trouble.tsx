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
  // Colours from the panel's custom properties (panel.css), so dark mode applies here too.
  '.status{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:center;padding:8px 16px;background:var(--warn-bg,#fef3c7);color:var(--warn-fg,#78350f);font-size:13px}' +
    '.notice{display:block;padding:10px 16px;background:var(--err-bg,#fef2f2);color:var(--fg);border-bottom:1px solid var(--err-line,#fecaca);font-size:13px}' +
    '.notice p{margin:0 0 4px}.notice__actions{display:flex;gap:12px}' +
    '.notice .link-button,.status .link-button{color:inherit;font-weight:600}' +
    '.msg--failed{background:var(--bg);color:var(--fg);border:1px solid var(--danger)}' +
    '.msg__failed{display:flex;flex-wrap:wrap;align-items:center;gap:4px;margin:4px 0 0;font-size:12px;color:var(--danger)}.msg__failed svg{width:16px;height:16px;fill:currentColor}' +
    // Not needed the moment an open chat shows: a note, the jump to the newest messages, the over-limit line.
    '.memory-note{margin:0;padding:8px 16px;font-size:12px;background:var(--hover);color:var(--mut)}' +
    '.jump-latest{position:sticky;bottom:4px;display:block;margin:8px auto 0;padding:6px 14px;border:1px solid var(--line);border-radius:999px;background:var(--bg);color:var(--link);font-size:13px;box-shadow:0 2px 8px #00000026;cursor:pointer}' +
    '.composer__limit{flex-basis:100%;margin:0;font-size:12px;color:var(--danger)}' +
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

/** Under a message of the visitor's that did not go: one thing to say and one to do, "Not sent — Retry". */
export function FailedNote({ message: m, onRetry, onEdit }: { message: UiMessage; onRetry: (id: string) => void; onEdit: (id: string) => void }) {
  // The reason only when retrying alone will not help (too long, chat finished…), and then Edit too.
  const hopeless = m.retryAt === undefined;
  return (
    <p class="msg__failed">
      {/* Its own copy of the alert icon: importing the panel's icons.tsx here splits the panel (see icons.tsx). */}
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 15h-2v-2h2zm0-4h-2V7h2z" />
      </svg>
      {t('message.failed')}
      {hopeless && m.error ? `: ${errorText(m.error)}` : ''} —
      <button type="button" class="link-button" onClick={() => onRetry(m.id)}>
        {t('message.retry')}
      </button>
      {hopeless && (
        <button type="button" class="link-button" onClick={() => onEdit(m.id)}>
          {t('message.edit')}
        </button>
      )}
    </p>
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
