/**
 * `POST chat.delete` (7.x): a user deletes a message; the visitor's widget learns it from
 * `stream-notify-room` `<rid>/deleteMessage` with `{ _id }`. Own messages under `Message_AllowDeleting`,
 * any message for admins (`delete-message`, `force-delete-message`).
 */
import type { Api } from '../../http/api.ts';
import type { StandinContext } from '../../context.ts';
import { MeteorError, PlainError } from '../../errors.ts';
import { bool, compile, object, str } from '../../validation/ajv.ts';

const parseDeleteBody = compile<{ msgId: string; roomId: string; asUser?: boolean }>(
  object({ msgId: str, roomId: str, asUser: bool }, ['msgId', 'roomId']),
);

export function registerAgentMessageRoutes(api: Api, { store }: StandinContext): void {
  api.post('chat.delete', { authRequired: true }, ({ body, user }) => {
    const { msgId, roomId, asUser } = parseDeleteBody(body);
    const msg = store.messageOf(msgId);
    if (!msg) throw new PlainError(`No message found with the id of "${msgId}".`);
    if (roomId !== msg.rid) throw new PlainError('The room id provided does not match where the message is from.');
    const isAdmin = user!.roles.includes('admin');
    if (asUser && msg.u._id !== user!._id && !isAdmin) {
      throw new PlainError('Unauthorized. You must have the permission "force-delete-message" to delete other\'s message as them.');
    }
    const own = msg.u._id === user!._id || !!asUser;
    if (!isAdmin && !(store.settings.Message_AllowDeleting && own)) {
      throw new MeteorError('error-action-not-allowed', 'Not allowed', { method: 'deleteMessage', action: 'Delete_message' });
    }
    const answer = { _id: msg._id, ts: Date.now().toString(), message: { _id: msg._id, rid: msg.rid, u: msg.u } };
    store.deleteMessage(msg._id);
    return answer;
  });
}
