/** The agent's side of a chat: list rooms, take a queued one, send, close (contract §10). */
import type { Api } from '../../http/api.ts';
import type { StandinContext } from '../../context.ts';
import { MeteorError, PlainError } from '../../errors.ts';
import { sendAgentMessage } from '../../livechat/messages.ts';
import { dispatchQueueStatus } from '../../livechat/queue.ts';
import { assignAgent, closeRoom } from '../../livechat/rooms.ts';
import { sendTranscriptOnClose } from '../../livechat/transcript.ts';
import { compile, maybeStr, object, str } from '../../validation/ajv.ts';

const parseCloseByUserBody = compile<{ rid: string; comment?: string }>(
  object(
    {
      rid: str,
      comment: maybeStr,
      tags: { type: 'array', items: str, nullable: true },
      generateTranscriptPdf: { type: 'boolean', nullable: true },
      transcriptEmail: {
        type: 'object',
        properties: {
          sendToVisitor: { type: 'boolean' },
          requestData: object({ email: str, subject: str }, ['email', 'subject']),
        },
        required: ['sendToVisitor'],
        additionalProperties: false,
      },
      forceClose: { type: 'boolean' },
    },
    ['rid'],
  ),
);

const parseSendMessageBody = compile<{ message: { rid?: string; msg?: string; _id?: string } }>(
  object(
    {
      message: {
        type: 'object',
        properties: { _id: maybeStr, rid: str, tmid: maybeStr, msg: maybeStr, alias: maybeStr, emoji: maybeStr, avatar: maybeStr },
      },
      previewUrls: { type: 'array', items: str, nullable: true },
    },
    ['message'],
  ),
);

const parseGetOneQuery = compile<{ roomId: string }>(object({ roomId: str }, ['roomId']));

const parseTakeBody = compile<{ inquiryId: string; userId?: string }>(object({ inquiryId: str, userId: maybeStr }, ['inquiryId']));

export function registerAgentRoomRoutes(api: Api, { store, mailer }: StandinContext): void {
  const agentOnly = { authRequired: true, role: 'livechat-agent' } as const;

  api.get('livechat/rooms', agentOnly, ({ query }) => {
    const open = query.open === 'true' ? true : query.open === 'false' ? false : undefined;
    const all = [...store.rooms.values()]
      .filter((r) => open === undefined || !!r.open === open)
      .sort((a, b) => b.ts.getTime() - a.ts.getTime());
    const offset = Math.max(0, Number(query.offset ?? 0) || 0);
    const count = Math.max(1, Math.min(100, Number(query.count ?? 25) || 25));
    const rooms = all.slice(offset, offset + count);
    return { rooms, count: rooms.length, offset, total: all.length };
  });

  api.get('livechat/inquiries.getOne', agentOnly, ({ query }) => {
    const { roomId } = parseGetOneQuery(query);
    return { inquiry: store.inquiries.get(roomId) ?? null };
  });

  api.post('livechat/inquiries.take', agentOnly, ({ body, user }) => {
    const { inquiryId, userId } = parseTakeBody(body);
    const agent = userId ? store.users.get(userId) : user!;
    if (!agent) throw new PlainError('The user is invalid');
    const inquiry = [...store.inquiries.values()].find((i) => i._id === inquiryId);
    const room = inquiry ? store.rooms.get(inquiry.rid) : undefined;
    if (!inquiry || !room || !room.open) throw new MeteorError('error-not-found', 'Inquiry not found', { method: 'livechat:takeInquiry' });
    if (inquiry.status === 'taken') throw new MeteorError('error-inquiry-taken', 'Inquiry already taken', { method: 'livechat:takeInquiry' });
    assignAgent(store, room, agent);
    // The chats behind it move up a place.
    dispatchQueueStatus(store, inquiry.department);
    // Rocket.Chat returns `{ inquiry: undefined }`, which JSON drops.
    return {};
  });

  api.post('chat.sendMessage', { authRequired: true }, ({ body, user }) => {
    const { message: input } = parseSendMessageBody(body);
    if (!input.rid) throw new PlainError("The 'rid' property on the message object is missing.");
    const room = store.rooms.get(input.rid);
    if (!room) throw new PlainError('error-invalid-room');
    const message = sendAgentMessage(store, user!, room, input.msg ?? '', input._id ?? undefined);
    return { message };
  });

  api.post('livechat/room.closeByUser', agentOnly, ({ body: rawBody, user }) => {
    const body = parseCloseByUserBody(rawBody);
    const room = store.rooms.get(body.rid);
    if (!room || room.t !== 'l') throw new PlainError('error-invalid-room');
    const agent = user!;
    if (room.servedBy?._id !== agent._id && !agent.roles.includes('admin')) throw new PlainError('error-not-authorized');
    if (!room.open) throw new PlainError('error-room-already-closed');
    const comment = body.comment ?? '';
    if (!comment.trim() && store.settings.Livechat_request_comment_when_closing_conversation) {
      throw new PlainError('error-comment-is-required');
    }
    closeRoom(store, room, { kind: 'user', _id: agent._id, username: agent.username, name: agent.name }, comment);
    sendTranscriptOnClose(store, mailer, room);
    return {};
  });
}
