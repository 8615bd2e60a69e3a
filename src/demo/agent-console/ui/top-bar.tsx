import { Bidi } from '../../shared/bidi.tsx';
import { useSession } from './session-context.ts';
import { BotToggle } from './bot-toggle.tsx';
import type { LiveStatus } from '../state/session.ts';

const LIVE_TEXT: Record<LiveStatus, string> = {
  off: 'Offline',
  connecting: 'Connecting…',
  live: 'Live',
  failed: 'Live updates off',
};

/** Title, who is signed in, the live connection, the demo bot switch, links and sign-out. */
export function TopBar() {
  const session = useSession();
  const live = session.live.value;
  return (
    <header class="top-bar">
      <div class="top-bar__title">
        <h1>Agent console</h1>
        <span class={`live-badge live-badge--${live}`} role="status" title={session.liveError.value?.summary}>
          {LIVE_TEXT[live]}
        </span>
      </div>
      <BotToggle bot={session.bot} />
      <nav class="top-bar__nav" aria-label="Demo pages">
        <a href="/">Customer site</a>
        <a href="/demo/mailbox.html">Mailbox</a>
        <a href="/demo/settings.html">Settings</a>
      </nav>
      <div class="top-bar__user">
        <span class="muted">
          Signed in as{' '}
          <strong>
            <Bidi text={session.agentName.value} />
          </strong>
        </span>
        <button type="button" class="button" onClick={() => void session.signOut()}>
          Sign out
        </button>
      </div>
    </header>
  );
}
