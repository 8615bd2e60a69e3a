import type { ConnectionState } from '../backend/chat-backend.ts';
import { t } from '../i18n/index.ts';

/** A polite line under the header while live updates are not flowing; silent when all is well. */
export function ConnectionStatus({ state, onReconnect }: { state: ConnectionState | 'idle'; onReconnect: () => void }) {
  const text =
    state === 'reconnecting'
      ? t('connection.reconnecting')
      : state === 'offline'
        ? t('connection.offline')
        : state === 'polling'
          ? t('connection.polling')
          : undefined;
  return (
    <div class={text ? 'status status--visible' : 'status'} role="status">
      {text && (
        <>
          <span>{text}</span>
          {state === 'reconnecting' && (
            <button type="button" class="link-button" onClick={onReconnect}>
              {t('connection.reconnectNow')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
