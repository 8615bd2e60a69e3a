/**
 * Pure conversions from Rocket.Chat's wire shapes to the widget's domain types, so nothing above the
 * backend ever sees `_id`, `ts.$date` or `t: 'livechat-close'`.
 */
import type { AgentInfoOrHidden, LivechatConfig, WireCustomField, WireMessage, WireVisitor } from '../../../shared/rocketchat/wire.ts';
import type { Agent, ChatMessage, CustomFieldDefinition, ServerConfig, SystemEvent, Visitor } from '../chat-backend.ts';

const SYSTEM_EVENTS: Record<string, SystemEvent> = {
  'livechat-started': 'chat-started',
  'livechat-close': 'chat-closed',
  uj: 'agent-joined',
  ul: 'agent-left',
  livechat_transfer_history: 'transfer',
  livechat_transfer_history_fallback: 'transfer',
  livechat_transcript_history: 'transcript-requested',
};

/** Types the official widget never renders, whatever the settings (contract §8). */
const NEVER_SHOWN = new Set(['command', 'livechat_navigation_history', 'livechat_video_call', 'au']);

function time(d: string | Date | undefined): number {
  if (d === undefined) return 0;
  return typeof d === 'string' ? Date.parse(d) : d.getTime();
}

export function adaptMessage(m: WireMessage<string | Date>): ChatMessage {
  const base: ChatMessage = {
    id: m._id,
    text: typeof m.msg === 'string' ? m.msg : '',
    at: time(m.ts),
    from: m.t ? 'system' : m.token ? 'visitor' : 'agent',
    author: { username: m.u?.username ?? '', ...(m.u?.name || m.alias ? { name: m.u?.name || m.alias } : {}) },
  };
  if (m.editedAt) base.editedAt = time(m.editedAt);
  if (!m.t) return base;
  base.system = SYSTEM_EVENTS[m.t] ?? 'other';
  base.systemType = m.t;
  if (m._hidden || NEVER_SHOWN.has(m.t)) base.hidden = true;
  if (m.t === 'livechat-close') {
    base.closedBy = m.token ? 'visitor' : 'agent';
    base.transcriptRequested = m.transcriptRequested === true;
  }
  return base;
}

export function adaptAgent(a: AgentInfoOrHidden | undefined | null): Agent | undefined {
  if (!a) return undefined;
  if ('hiddenInfo' in a) return { username: '', hidden: true };
  return { username: a.username, ...(a.name ? { name: a.name } : {}) };
}

export function adaptVisitor(v: Pick<WireVisitor, 'token' | 'username' | 'name' | 'visitorEmails' | 'department'>): Visitor {
  return {
    token: v.token,
    username: v.username,
    ...(v.name ? { name: v.name } : {}),
    ...(v.visitorEmails?.[0]?.address ? { email: v.visitorEmails[0].address } : {}),
    ...(v.department ? { department: v.department } : {}),
  };
}

function adaptCustomField(f: WireCustomField): CustomFieldDefinition {
  return {
    id: f._id,
    label: f.label,
    type: f.type === 'select' ? 'select' : 'input',
    required: f.required === true,
    options: (f.options ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    ...(f.regexp ? { pattern: f.regexp } : {}),
    ...(f.defaultValue ? { defaultValue: f.defaultValue } : {}),
  };
}

const DISABLED: Omit<ServerConfig, 'enabled'> = {
  online: false,
  theme: { title: '', color: '', offlineTitle: '', offlineColor: '', position: 'right' },
  transcript: false,
  registrationForm: false,
  nameField: false,
  emailField: false,
  displayOfflineForm: false,
  allowSwitchingDepartments: false,
  agentHidden: false,
  clearLocalStorageWhenChatEnded: false,
  visitorsCanCloseChat: true,
  limitTextLength: undefined,
  hiddenSystemMessages: [],
  historyMonitorType: 'url',
  texts: {
    offlineMessage: '',
    offlineSuccessMessage: '',
    offlineUnavailableMessage: '',
    conversationFinishedMessage: '',
    conversationFinishedText: '',
    transcriptMessage: '',
    registrationFormMessage: '',
  },
  departments: [],
  customFields: [],
};

export function adaptConfig(c: LivechatConfig): ServerConfig {
  if (!c.enabled) return { enabled: false, ...DISABLED };
  const s = c.settings;
  const config: ServerConfig = {
    enabled: true,
    online: c.online,
    theme: {
      title: c.theme.title,
      color: c.theme.color,
      offlineTitle: c.theme.offlineTitle,
      offlineColor: c.theme.offlineColor,
      position: c.theme.position === 'left' ? 'left' : 'right',
    },
    ...(s.language ? { language: s.language } : {}),
    transcript: s.transcript,
    registrationForm: s.registrationForm,
    nameField: s.nameFieldRegistrationForm,
    emailField: s.emailFieldRegistrationForm,
    displayOfflineForm: s.displayOfflineForm,
    allowSwitchingDepartments: s.allowSwitchingDepartments,
    agentHidden: s.agentHiddenInfo,
    clearLocalStorageWhenChatEnded: s.clearLocalStorageWhenChatEnded,
    visitorsCanCloseChat: s.visitorsCanCloseChat !== false,
    limitTextLength: typeof s.limitTextLength === 'number' && s.limitTextLength > 0 ? s.limitTextLength : undefined,
    hiddenSystemMessages: s.hiddenSystemMessages ?? [],
    historyMonitorType: s.historyMonitorType,
    texts: {
      offlineMessage: c.messages.offlineMessage ?? '',
      offlineSuccessMessage: c.messages.offlineSuccessMessage ?? '',
      offlineUnavailableMessage: c.messages.offlineUnavailableMessage ?? '',
      conversationFinishedMessage: c.messages.conversationFinishedMessage ?? '',
      conversationFinishedText: c.messages.conversationFinishedText ?? '',
      transcriptMessage: c.messages.transcriptMessage ?? '',
      registrationFormMessage: c.messages.registrationFormMessage ?? '',
    },
    departments: (c.departments ?? []).map((d) => ({
      id: d._id,
      name: d.name,
      showOnRegistration: d.showOnRegistration,
      showOnOfflineForm: d.showOnOfflineForm,
    })),
    customFields: (c.customFields ?? []).map(adaptCustomField),
  };
  if (c.guest) config.visitor = adaptVisitor(c.guest);
  if (c.room?._id) {
    const agent = adaptAgent(c.agent);
    config.openRoom = { id: c.room._id, ...(agent ? { agent } : {}) };
  }
  return config;
}
