import { useSession } from './session-context.ts';
import { ConnectList } from './connect-list.tsx';
import { ConnectView } from './connect-view.tsx';
import { RoomList } from './room-list.tsx';
import { RoomView } from './room-view.tsx';
import { TopBar } from './top-bar.tsx';

/** Signed in: the top bar, the chat list and the open conversation (one at a time on a phone). */
export function ConsoleLayout() {
  const session = useSession();
  const list = session.roomList.value;
  const conversation = session.conversation.value;
  const desk = session.connect.value;
  const contact = desk?.selected.value;
  return (
    <div class={`console${conversation || contact ? ' console--has-room' : ''}`}>
      <TopBar />
      <main class="console__main">
        <div class="console__lists">
          {list && (
            <RoomList
              list={list}
              selectedRid={conversation?.rid ?? null}
              agentUsername={session.username.value}
              onSelect={(room) => session.select(room)}
            />
          )}
          {desk && <ConnectList desk={desk} onSelect={(c) => desk.select(c)} />}
        </div>
        {contact ? (
          <ConnectView key={contact.contactId} conversation={contact} onBack={() => desk?.select(null)} />
        ) : conversation ? (
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
