import { useState } from 'preact/hooks';
import { ErrorNotice } from '../../shared/error-notice.tsx';
import { useSession } from './session-context.ts';

/** The demo agent's credentials (src/server/profiles.ts), prefilled so one click signs in. */
export const DEMO_USERNAME = 'agent';
export const DEMO_PASSWORD = 'agent-pass';

export function SignIn() {
  const session = useSession();
  const [username, setUsername] = useState(DEMO_USERNAME);
  const [password, setPassword] = useState(DEMO_PASSWORD);
  const busy = session.status.value === 'signing-in';

  const onSubmit = (e: Event) => {
    e.preventDefault();
    void session.signIn(username, password);
  };

  return (
    <main class="sign-in">
      <form class="card sign-in__card" onSubmit={onSubmit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Agent console</h1>
        <p class="muted">Sign in as the demo agent to answer visitors of the customer site.</p>
        <label class="field">
          <span>Username</span>
          <input name="username" autoComplete="username" value={username} required onInput={(e) => setUsername(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>Password</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            required
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {session.error.value && <ErrorNotice error={session.error.value} />}
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p class="muted small">
          While you are signed in here, the demo bot hands its chats to you and stays quiet; it answers again
          once you sign out or close this page.{' '}
          <a href="/">Back to the customer site</a>
        </p>
      </form>
    </main>
  );
}
