/**
 * Changing department mid-chat: `POST livechat/room.transfer` (7.x, deprecated, removed in 8.x; answers
 * `{ room }`), `POST livechat/visitor/department.transfer` (8.x typed route; answers only `success`), and the
 * agent-side `GET livechat/transfer.history/:rid` (auth, `view-livechat-rooms`).
 */
import type { Api } from '../../http/api.ts';
import type { StandinContext } from '../../context.ts';
import { BareFailure, MeteorError, PlainError } from '../../errors.ts';
import { findRoom } from '../../livechat/rooms.ts';
import { transferHistory, transferToDepartment } from '../../livechat/transfer.ts';
import { findGuest } from '../../livechat/visitors.ts';
import { compile, compileTyped, maybeStr, object, str } from '../../validation/ajv.ts';

const transferBody = object({ token: str, rid: str, department: str }, ['token', 'rid', 'department']);
const parseRoomTransferBody = compile<{ token: string; rid: string; department: string }>(transferBody);
const parseDepartmentTransferBody = compileTyped<{ token: string; rid: string; department: string }>(transferBody);
const parseHistoryQuery = compileTyped<{ count?: number; offset?: number; sort?: string }>(
  object({ count: { type: 'number', minimum: 0 }, offset: { type: 'number', minimum: 0 }, sort: str, query: maybeStr }),
);

export function registerTransferRoutes(api: Api, { store }: StandinContext): void {
  api.post('livechat/room.transfer', {}, ({ body }) => {
    const { token, rid, department } = parseRoomTransferBody(body);
    const guest = findGuest(store, token);
    if (!guest) throw new PlainError('invalid-token');
    const room = findRoom(store, token, rid);
    if (!room) throw new PlainError('invalid-room');
    if (!transferToDepartment(store, room, guest, department)) throw new BareFailure();
    return { room };
  });

  api.post('livechat/visitor/department.transfer', {}, ({ body }) => {
    const { token, rid, department } = parseDepartmentTransferBody(body);
    const visitor = findGuest(store, token);
    if (!visitor) throw new PlainError('invalid-token');
    const room = store.rooms.get(rid);
    // Rocket.Chat does not check that the room is this visitor's (it transfers as the room's visitor);
    // the stand-in does, answering as for a room that does not exist.
    if (!room || room.t !== 'l' || room.v.token !== token) throw new PlainError('error-invalid-room');
    if (!room.open) throw new PlainError('This_conversation_is_already_closed');
    if (!transferToDepartment(store, room, visitor, department)) throw new PlainError('error-transfering-chat');
    return {};
  });

  api.get('livechat/transfer.history/:rid', { authRequired: true, role: 'livechat-manager' }, ({ params, query: rawQuery }) => {
    const query = parseHistoryQuery(rawQuery);
    const room = store.rooms.get(params.rid!);
    if (!room) throw new MeteorError('error-invalid-room', 'Invalid room');
    const all = transferHistory(store, room._id);
    let sorted = all;
    if (query.sort) {
      let sort: unknown;
      try {
        sort = JSON.parse(query.sort);
      } catch {
        throw new MeteorError('error-invalid-sort-parameter', 'Invalid sort parameter');
      }
      if ((sort as { ts?: unknown } | null)?.ts === -1) sorted = [...all].reverse();
    }
    const offset = Math.trunc(query.offset ?? 0);
    const count = Math.trunc(query.count ?? 50);
    const history = count === 0 ? sorted.slice(offset) : sorted.slice(offset, offset + count);
    return { history, count: history.length, offset, total: all.length };
  });
}
