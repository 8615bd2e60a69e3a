import type { VisitorInput } from '../../../shared/rocketchat/endpoints.ts';
import type { Api } from '../../http/api.ts';
import type { StandinContext } from '../../context.ts';
import { MeteorError } from '../../errors.ts';
import { registerGuest } from '../../livechat/visitors.ts';
import { check, Match } from '../../validation/check.ts';

const visitorPattern = {
  visitor: Match.ObjectIncluding({
    token: String,
    name: Match.Maybe(String),
    email: Match.Maybe(String),
    department: Match.Maybe(String),
    phone: Match.Maybe(String),
    username: Match.Maybe(String),
    customFields: Match.Maybe(Match.ArrayOf(Match.ObjectIncluding({ key: String, value: String, overwrite: Boolean }))),
  }),
};

export function registerVisitorRoutes(api: Api, { store }: StandinContext): void {
  api.post('livechat/visitor', { rateLimit: { calls: 5, windowMs: 60_000 } }, ({ body }) => {
    check(body, visitorPattern);
    const visitor = registerGuest(store, (body as { visitor: VisitorInput }).visitor);
    return { visitor };
  });

  api.get('livechat/visitor/:token', {}, ({ params }) => {
    const visitor = store.visitorByTokenOf(params.token!);
    if (!visitor) throw new MeteorError('invalid-token');
    return { visitor };
  });

  api.delete('livechat/visitor/:token', { rateLimit: { calls: 5, windowMs: 60_000 } }, ({ params }) => {
    const visitor = store.visitorByTokenOf(params.token!);
    if (!visitor) throw new MeteorError('invalid-token');
    // With the GDPR setting on, open rooms do not stop the removal: they go too.
    if (store.openRoomsOf(visitor.token).length > 0 && !store.settings.Livechat_Allow_collect_and_store_HTTP_header_informations) {
      throw new MeteorError('visitor-has-open-rooms', 'Cannot remove visitors with opened rooms');
    }
    // removeGuest: every room of the visitor with its messages, uploads and inquiry, then the visitor.
    for (const room of [...store.rooms.values()]) if (room.v.token === visitor.token) store.deleteRoom(room._id);
    store.deleteVisitor(visitor._id);
    return { visitor: { _id: visitor._id, ts: new Date().toISOString() } };
  });

  api.post('livechat/visitor.status', {}, ({ body }) => {
    check(body, { token: String, status: String });
    const { token, status } = body as { token: string; status: string };
    const visitor = store.visitorByTokenOf(token);
    if (!visitor) throw new MeteorError('invalid-token');
    visitor.status = status as NonNullable<typeof visitor.status>;
    for (const room of store.openRoomsOf(token)) room.v.status = status;
    return { token, status };
  });
}
