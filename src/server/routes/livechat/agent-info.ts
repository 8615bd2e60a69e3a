import type { Api } from '../../http/api.ts';
import type { StandinContext } from '../../context.ts';
import { PlainError } from '../../errors.ts';
import { agentInfo } from '../../livechat/agents.ts';
import { findRoom } from '../../livechat/rooms.ts';
import { findGuest } from '../../livechat/visitors.ts';

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
}
