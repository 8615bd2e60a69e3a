import type { Api } from '../../http/api.ts';
import type { StandinContext } from '../../context.ts';
import { BareFailure, MeteorError, PlainError } from '../../errors.ts';
import { checkMessageLength, deleteVisitorMessage, editVisitorMessage, history, sendVisitorMessage } from '../../livechat/messages.ts';
import { findRoom } from '../../livechat/rooms.ts';
import { findGuest } from '../../livechat/visitors.ts';
import { withFileUpload } from '../../uploads/files.ts';
import {
  parseHistoryQuery,
  parseMessageBody,
  parseMessageDeleteBody,
  parseMessageIdQuery,
  parseMessageUpdateBody,
} from '../../validation/schemas.ts';

export function registerMessageRoutes(api: Api, { store }: StandinContext): void {
  api.post('livechat/message', {}, ({ body: rawBody }) => {
    const body = parseMessageBody(rawBody);
    const visitor = findGuest(store, body.token);
    if (!visitor) throw new PlainError('invalid-token');
    const room = findRoom(store, body.token, body.rid);
    if (!room) throw new PlainError('invalid-room');
    if (!room.open) throw new PlainError('room-closed');
    checkMessageLength(store, body.msg);
    // Rocket.Chat's Livechat.sendMessage checks this after the route's own checks.
    if (!store.settings.Livechat_enabled) throw new MeteorError('error-omnichannel-is-disabled');
    const message = sendVisitorMessage(store, visitor, room, body.msg, body._id ?? undefined);
    // Rocket.Chat answers a bare `{ success: false }` when the message was not stored (duplicate `_id`).
    if (!message) throw new BareFailure();
    return { message };
  });

  api.get('livechat/message/:_id', {}, ({ params, query: rawQuery }) => {
    const query = parseMessageIdQuery(rawQuery);
    const visitor = findGuest(store, query.token);
    if (!visitor) throw new PlainError('invalid-token');
    const room = findRoom(store, query.token, query.rid);
    if (!room) throw new PlainError('invalid-room');
    const message = store.messageOf(params._id!);
    // 7.x looks the message up by room and id (`findOneByRoomIdAndMessageId`), so another room's is invalid.
    if (!message || message.rid !== room._id) throw new PlainError('invalid-message');
    return { message: withFileUpload(store, message) };
  });

  // Rocket.Chat finds the message by id alone; the own-message rule keeps other rooms' messages safe.
  api.put('livechat/message/:_id', {}, ({ params, body: rawBody }) => {
    const body = parseMessageUpdateBody(rawBody);
    const visitor = findGuest(store, body.token);
    if (!visitor) throw new PlainError('invalid-token');
    if (!findRoom(store, body.token, body.rid)) throw new PlainError('invalid-room');
    const message = store.messageOf(params._id!);
    if (!message) throw new PlainError('invalid-message');
    return { message: editVisitorMessage(store, visitor, message, body.msg) };
  });

  // The parameters come from the JSON body, which the official client does not send (contract §4.4).
  api.delete('livechat/message/:_id', {}, ({ params, body: rawBody }) => {
    const body = parseMessageDeleteBody(rawBody);
    const visitor = findGuest(store, body.token);
    if (!visitor) throw new PlainError('invalid-token');
    if (!findRoom(store, body.token, body.rid)) throw new PlainError('invalid-room');
    const message = store.messageOf(params._id!);
    if (!message) throw new PlainError('invalid-message');
    deleteVisitorMessage(store, visitor, message);
    return { message: { _id: message._id, ts: new Date().toISOString() } };
  });

  api.get('livechat/messages.history/:rid', {}, ({ params, query: rawQuery }) => {
    const query = parseHistoryQuery(rawQuery);
    const visitor = findGuest(store, query.token);
    if (!visitor) throw new PlainError('invalid-token');
    const room = findRoom(store, query.token, params.rid!);
    if (!room) throw new PlainError('invalid-room');
    const end = query.end ? new Date(query.end) : undefined;
    const messages = history(store, room._id, {
      end: end && !Number.isNaN(end.getTime()) ? end : undefined,
      // Rocket.Chat: `let limit = 20; if (limit param) limit = parseInt(...)`, so 0 means the default. Mongo
      // reads a negative limit as its absolute value and 0 (e.g. parseInt of 0.5) as no limit.
      limit: query.limit ? Math.abs(Math.trunc(query.limit)) || Infinity : 20,
      offset: query.offset ? Math.max(0, Math.trunc(query.offset)) : 0,
    });
    return { messages: messages.map((m) => withFileUpload(store, m)) };
  });
}
