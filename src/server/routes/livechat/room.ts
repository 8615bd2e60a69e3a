import type { Api } from '../../http/api.ts';
import type { StandinContext } from '../../context.ts';
import { PlainError } from '../../errors.ts';
import { SURVEY } from '../../livechat/config.ts';
import { closeRoom, findRoom, getRoom } from '../../livechat/rooms.ts';
import { sendTranscriptOnClose } from '../../livechat/transcript.ts';
import { findGuest } from '../../livechat/visitors.ts';
import { check, Match } from '../../validation/check.ts';
import { parseRoomCloseBody, parseRoomSurveyBody } from '../../validation/schemas.ts';

export function registerRoomRoutes(api: Api, { store, mailer }: StandinContext): void {
  api.get('livechat/room', { rateLimit: { calls: 5, windowMs: 60_000 } }, ({ query, isWidget, headers }) => {
    check(query, { token: String, rid: Match.Maybe(String), agentId: Match.Maybe(String) });
    const { token, rid, agentId } = query as { token: string; rid?: string; agentId?: string };
    const visitor = findGuest(store, token);
    if (!visitor) throw new PlainError('invalid-token');
    const host = typeof headers.origin === 'string' ? safeHost(headers.origin) : undefined;
    return getRoom(store, visitor, { rid, agentId, isWidget, host });
  });

  api.post('livechat/room.close', {}, ({ body: rawBody }) => {
    const body = parseRoomCloseBody(rawBody);
    if (!store.settings.Omnichannel_allow_visitors_to_close_conversation) {
      throw new PlainError('error-not-allowed-to-close-conversation');
    }
    const visitor = findGuest(store, body.token);
    if (!visitor) throw new PlainError('invalid-token');
    const room = findRoom(store, body.token, body.rid);
    if (!room) throw new PlainError('invalid-room');
    if (!room.open) throw new PlainError('room-closed');
    const comment = 'Closed by visitor';
    closeRoom(store, room, { kind: 'visitor', _id: visitor._id, username: visitor.username, token: visitor.token }, comment);
    sendTranscriptOnClose(store, mailer, room);
    return { rid: room._id, comment };
  });

  // Contract §3.4: only `config.survey` names and values (and free feedback) are kept; none is `invalid-data`.
  api.post('livechat/room.survey', {}, ({ body: rawBody }) => {
    const body = parseRoomSurveyBody(rawBody);
    if (!findGuest(store, body.token)) throw new PlainError('invalid-token');
    const room = findRoom(store, body.token, body.rid);
    if (!room) throw new PlainError('invalid-room');
    const data: Record<string, string> = {};
    for (const { name, value } of body.data) {
      if ((SURVEY.items.includes(name) && SURVEY.values.includes(value)) || name === 'additionalFeedback') data[name] = value;
    }
    if (Object.keys(data).length === 0) throw new PlainError('invalid-data');
    // updateSurveyFeedbackById sets the whole object: a second survey replaces the first.
    room.surveyFeedback = data;
    return { rid: room._id, data };
  });
}

function safeHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
