/** How a message's author and system events are worded, shared by the conversation and transcript files. */
import type { ChatMessage } from '../backend/chat-backend.ts';
import { t } from '../i18n/index.ts';

export type AgentLabel = (m: ChatMessage) => string;

export function authorOf(m: ChatMessage, agentLabel: AgentLabel): string {
  return m.from === 'visitor' ? t('log.you') : agentLabel(m);
}

export function systemText(m: ChatMessage, agentLabel: AgentLabel): string {
  switch (m.system) {
    case 'chat-closed':
      return t(m.closedBy === 'visitor' ? 'log.system.chatClosedByVisitor' : 'log.system.chatClosedByAgent');
    case 'agent-joined':
      return t('log.system.agentJoined', { name: agentLabel(m) });
    case 'agent-left':
      return t('log.system.agentLeft', { name: agentLabel(m) });
    case 'transfer':
      return m.transferredTo ? t('log.system.transferTo', { name: m.transferredTo }) : t('log.system.transfer');
    case 'transcript-requested':
      return t('log.system.transcriptRequested');
    case 'chat-started':
      return t('log.system.chatStarted');
    default:
      return m.text;
  }
}
