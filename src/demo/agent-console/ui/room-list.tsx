import type { WireRoom } from '../../../shared/rocketchat/wire.ts';
import { ErrorNotice } from '../../shared/error-notice.tsx';
import { formatTime, isoTime } from '../../shared/format-time.ts';
import type { RoomList as RoomListState } from '../state/room-list.ts';
import { Bidi } from '../../shared/bidi.tsx';

export interface RoomListProps {
  list: RoomListState;
  selectedRid: string | null;
  agentUsername: string;
  onSelect: (room: WireRoom) => void;
}

function roomStatus(room: WireRoom, agentUsername: string): string {
  if (!room.servedBy) return 'Queued — take it';
  if (room.servedBy.username !== agentUsername) return `With ${room.servedBy.username}`;
  return room.waitingResponse ? 'Waiting for your reply' : 'Answered';
}

/** The open chats, most recent activity first: who, the last message, unread messages, and the state. */
export function RoomList({ list, selectedRid, agentUsername, onSelect }: RoomListProps) {
  const rooms = list.rooms.value;
  const unread = list.unread.value;
  const lastMessages = list.last.value;
  return (
    <nav class="room-list" aria-labelledby="room-list-title">
      <div class="room-list__head">
        <h2 id="room-list-title">
          Open chats <span class="count">{rooms.length}</span>
        </h2>
        <button type="button" class="button button--small" onClick={() => void list.refresh()}>
          Refresh
        </button>
      </div>
      {list.error.value && <ErrorNotice error={list.error.value} />}
      {!list.loaded.value ? (
        <p class="room-list__empty muted">Loading chats…</p>
      ) : rooms.length === 0 ? (
        <p class="room-list__empty muted">
          No open chats. Open the <a href="/">customer site</a>, click “Open chat” and send a message.
        </p>
      ) : (
        <ul>
          {rooms.map((room) => {
            const name = room.fname || room.v.username;
            const count = unread.get(room._id) ?? 0;
            const isUnread = count > 0;
            const at = room.lm ?? room.ts;
            const last = lastMessages.get(room._id);
            return (
              <li key={room._id}>
                <button
                  type="button"
                  class={`room-item${room._id === selectedRid ? ' room-item--selected' : ''}${isUnread ? ' room-item--unread' : ''}`}
                  aria-current={room._id === selectedRid ? 'true' : undefined}
                  onClick={() => onSelect(room)}
                >
                  <span class="room-item__name">
                    <Bidi text={name} />
                  </span>
                  <time class="room-item__time" dateTime={isoTime(at)}>
                    {formatTime(at)}
                  </time>
                  <span class="room-item__last">
                    {/* bdi: a message in another script must not reorder "You:" around it. */}
                    {last ? (
                      <span class="room-item__preview">
                        {last.fromVisitor ? '' : 'You: '}
                        <Bidi text={last.text} />
                      </span>
                    ) : (
                      ' '
                    )}
                    {isUnread && (
                      <span class="unread-count" role="img" aria-label={`${count} new ${count === 1 ? 'message' : 'messages'}`}>
                        {count > 99 ? '99+' : count}
                      </span>
                    )}
                  </span>
                  <span class={`room-item__status${room.waitingResponse || !room.servedBy ? ' room-item__status--attention' : ''}`}>
                    {roomStatus(room, agentUsername)}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
}
