import type { ConnectionState } from '../backend/chat-backend.ts';
import { lazy } from './lazy.tsx';

// Its words load with the rest of what shows only when something is wrong.
const ConnectionText = lazy(() => import('./trouble.tsx').then((m) => m.ConnectionText));

/** A polite line under the header while live updates are not flowing; silent when all is well. */
export function ConnectionStatus({ state, onReconnect }: { state: ConnectionState | 'idle'; onReconnect: () => void }) {
  const shown = state === 'reconnecting' || state === 'offline' || state === 'polling';
  return (
    <div class={shown ? 'status status--visible' : 'status'} role="status">
      {shown && <ConnectionText state={state} onReconnect={onReconnect} />}
    </div>
  );
}
