/** What a visitor may learn about an agent (contract §5.1), honouring the show-agent settings. */
import type { AgentInfoOrHidden } from '../../shared/rocketchat/wire.ts';
import type { Store } from '../store/store.ts';
import type { User } from '../store/types.ts';

export function agentInfo(store: Store, agent: User): AgentInfoOrHidden {
  const s = store.settings;
  if (!s.Livechat_show_agent_info) return { hiddenInfo: true };
  return {
    _id: agent._id,
    name: agent.name,
    username: agent.username,
    status: agent.status,
    ...(s.Livechat_show_agent_email ? { emails: agent.emails } : {}),
  };
}

export function isOnlineAgent(u: User): boolean {
  return u.roles.includes('livechat-agent') && u.status !== 'offline' && u.statusLivechat === 'available';
}
