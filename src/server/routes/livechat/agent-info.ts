/** `GET livechat/agent.info/:rid/:token` and `GET livechat/agent.next/:token` (contract §5). */
import type { Api } from '../../http/api.ts';
import type { StandinContext } from '../../context.ts';
import { PlainError } from '../../errors.ts';
import { agentInfo } from '../../livechat/agents.ts';
import { findRoom, nextAgent } from '../../livechat/rooms.ts';
import { findGuest } from '../../livechat/visitors.ts';
import { parseAgentNextQuery } from '../../validation/schemas.ts';

export function registerAgentInfoRoutes(api: Api, { store }: StandinContext): void {
  api.get('livechat/agent.info/:rid/:token', {}, ({ params }) => {
    const token = params.token!;
    if (!findGuest(store, token)) throw new PlainError('invalid-token');
    const room = findRoom(store, token, params.rid!);
    if (!room) throw new PlainError('invalid-room');
    const agent = room.servedBy ? store.users.get(room.servedBy._id) : undefined;
    if (!agent) throw new PlainError('invalid-agent');
    return { agent: agentInfo(store, agent) };
  });

  // Contract §5.2: a visitor with an open room gets a bare success; the token itself is not checked.
  api.get('livechat/agent.next/:token', {}, ({ params, query: rawQuery }) => {
    const { department } = parseAgentNextQuery(rawQuery);
    if (store.openRoomsOf(params.token!).length > 0) return {};
    const agent = nextAgent(store, department ?? undefined);
    if (!agent) throw new PlainError('agent-not-found');
    return { agent: agentInfo(store, agent) };
  });
}
