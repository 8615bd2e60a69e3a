import { useSession } from './session-context.ts';
import { RoomList } from './room-list.tsx';
import { RoomView } from './room-view.tsx';
import { TopBar } from './top-bar.tsx';

/** Signed in: the top bar, the chat list and the open conversation (one at a time on a phone). */
export function ConsoleLayout() {
  const session = useSession();
  const list = session.roomList.value;
  const conversation = session.conversation.value;
  return (
    <div class={`console${conversation ? ' console--has-room' : ''}`}>
      <TopBar />
      <main class="console__main">
        {list && (
          <RoomList
            list={list}
            selectedRid={conversation?.rid ?? null}
            agentUsername={session.username.value}
            onSelect={(room) => session.select(room)}
          />
        )}
        {conversation ? (
          <RoomView key={conversation.rid} conversation={conversation} onBack={() => session.select(null)} />
        ) : (
          <section class="room-view room-view--empty" aria-label="No chat selected">
            <p class="muted">Choose a chat on the left to read it and reply.</p>
          </section>
        )}
      </main>
    </div>
  );
}
