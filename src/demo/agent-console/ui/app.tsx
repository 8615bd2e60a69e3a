import { ConsoleLayout } from './console-layout.tsx';
import { SessionContext } from './session-context.ts';
import { SignIn } from './sign-in.tsx';
import type { Session } from '../state/session.ts';

export function App({ session }: { session: Session }) {
  return (
    <SessionContext.Provider value={session}>
      {session.status.value === 'signed-in' ? <ConsoleLayout /> : <SignIn />}
    </SessionContext.Provider>
  );
}
