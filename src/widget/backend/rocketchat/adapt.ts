/**
 * Pure conversions from Rocket.Chat's wire shapes to the widget's domain types, so nothing above the
 * backend ever sees `_id`, `ts.$date` or `t: 'livechat-close'`.
 */
import type { AgentInfoOrHidden, LivechatConfig, LivechatSettings, LivechatTheme, WireCustomField, WireMessage, WireVisitor } from '../../../shared/rocketchat/wire.ts';
import type { Agent, ChatMessage, CustomFieldDefinition, ServerConfig, ServerTexts, SystemEvent, Visitor } from '../chat-backend.ts';

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

const TEXT_KEYS = [
  'offlineMessage',
  'offlineSuccessMessage',
  'offlineUnavailableMessage',
  'conversationFinishedMessage',
  'conversationFinishedText',
  'transcriptMessage',
  'registrationFormMessage',
] as const;

export function adaptConfig(c: LivechatConfig): ServerConfig {
  // A disabled server sends only `{ enabled: false }`: everything below falls back to "off".
  const on = c.enabled ? c : undefined;
  const s: Partial<LivechatSettings> = on?.settings ?? {};
  const th: Partial<LivechatTheme> = on?.theme ?? {};
  const messages: Partial<Record<(typeof TEXT_KEYS)[number], string>> = on?.messages ?? {};
  const config: ServerConfig = {
    enabled: !!on,
    online: on?.online === true,
    theme: {
      title: th.title ?? '',
      color: th.color ?? '',
      offlineTitle: th.offlineTitle ?? '',
      offlineColor: th.offlineColor ?? '',
      position: th.position === 'left' ? 'left' : 'right',
    },
    ...(s.language ? { language: s.language } : {}),
    transcript: s.transcript === true,
    registrationForm: s.registrationForm === true,
    nameField: s.nameFieldRegistrationForm === true,
    emailField: s.emailFieldRegistrationForm === true,
    displayOfflineForm: s.displayOfflineForm === true,
    allowSwitchingDepartments: s.allowSwitchingDepartments === true,
    agentHidden: s.agentHiddenInfo === true,
    clearLocalStorageWhenChatEnded: s.clearLocalStorageWhenChatEnded === true,
    visitorsCanCloseChat: s.visitorsCanCloseChat !== false,
    limitTextLength: typeof s.limitTextLength === 'number' && s.limitTextLength > 0 ? s.limitTextLength : undefined,
    hiddenSystemMessages: s.hiddenSystemMessages ?? [],
    historyMonitorType: s.historyMonitorType ?? 'url',
    texts: {} as ServerTexts,
    departments: (on?.departments ?? []).map((d) => ({ id: d._id, name: d.name, showOnRegistration: d.showOnRegistration, showOnOfflineForm: d.showOnOfflineForm })),
    customFields: (on?.customFields ?? []).map(adaptCustomField),
  };
  for (const k of TEXT_KEYS) config.texts[k] = messages[k] ?? '';
  if (!on) return config;
  if (on.guest) config.visitor = adaptVisitor(on.guest);
  if (on.room?._id) {
    const agent = adaptAgent(on.agent);
    config.openRoom = { id: on.room._id, ...(agent ? { agent } : {}) };
  }
  return config;
}
