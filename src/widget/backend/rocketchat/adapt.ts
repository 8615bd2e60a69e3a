/**
 * Pure conversions from Rocket.Chat's wire shapes to the widget's domain types, so nothing above the
 * backend ever sees `_id`, `ts.$date` or `t: 'livechat-close'`.
 */
import type { AgentInfoOrHidden, LivechatConfig, WireMessage, WireVisitor } from '../../../shared/rocketchat/wire.ts';
import type { Agent, ChatMessage, CustomFieldDefinition, Department, ServerConfig, ServerTexts, SystemEvent, Visitor } from '../chat-backend.ts';

/** A visitor as Rocket.Chat knows them: the domain fields plus the credentials the adapter keeps. */
export interface RcVisitor extends Visitor {
  token: string;
  username: string;
}

/** The config as read from Rocket.Chat, before the adapter keeps the visitor's credentials to itself. */
export interface RcConfig extends Omit<ServerConfig, 'visitor'> {
  visitor?: RcVisitor;
}
import { isObject, reader } from '../shape.ts';

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

export function adaptVisitor(v: Pick<WireVisitor, 'token' | 'username' | 'name' | 'visitorEmails' | 'department'>): RcVisitor {
  return {
    token: v.token,
    username: v.username,
    ...(v.name ? { name: v.name } : {}),
    ...(v.visitorEmails?.[0]?.address ? { email: v.visitorEmails[0].address } : {}),
    ...(v.department ? { department: v.department } : {}),
  };
}

/**
 * Enterprise sends `options` as an array (its setting split on commas) and `defaultValue: null`; older
 * servers sent the stored comma string. A field without an id is dropped; anything else odd is defaulted.
 */
function adaptCustomField(x: unknown): CustomFieldDefinition | undefined {
  if (!isObject(x) || typeof x._id !== 'string' || !x._id) return undefined;
  const r = reader('livechat/config customFields');
  const options = typeof x.options === 'string' ? x.options.split(',') : r.strings('options', x.options);
  const pattern = r.optStr('regexp', x.regexp);
  const defaultValue = r.optStr('defaultValue', x.defaultValue);
  return {
    id: x._id,
    label: r.str('label', x.label, x._id),
    type: x.type === 'select' ? 'select' : 'input',
    required: x.required === true,
    options: options.map((o) => o.trim()).filter(Boolean),
    ...(pattern ? { pattern } : {}),
    ...(defaultValue ? { defaultValue } : {}),
  };
}

function adaptDepartment(x: unknown): Department | undefined {
  if (!isObject(x) || typeof x._id !== 'string' || typeof x.name !== 'string') return undefined;
  return { id: x._id, name: x.name, showOnRegistration: x.showOnRegistration !== false, showOnOfflineForm: x.showOnOfflineForm !== false };
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

/**
 * `livechat/config` read part by part: a missing, null or odd part falls back to "off" (with a console
 * warning when it was present but odd), so one unexpected field never keeps the widget from opening.
 */
export function adaptConfig(raw: LivechatConfig | unknown): RcConfig {
  const r = reader('livechat/config');
  const c = isObject(raw) ? raw : {};
  // A disabled server sends only `{ enabled: false }`: everything below falls back to "off".
  const on = c.enabled === true;
  const s = on ? r.obj('settings', c.settings) : {};
  const th = on ? r.obj('theme', c.theme) : {};
  const messages = on ? r.obj('messages', c.messages) : {};
  const limit = s.limitTextLength;
  const monitor = s.historyMonitorType;
  const config: RcConfig = {
    enabled: on,
    online: on && c.online === true,
    theme: {
      title: r.str('theme.title', th.title),
      color: r.str('theme.color', th.color),
      offlineTitle: r.str('theme.offlineTitle', th.offlineTitle),
      offlineColor: r.str('theme.offlineColor', th.offlineColor),
      position: th.position === 'left' ? 'left' : 'right',
    },
    features: {
      emailTranscript: s.transcript === true,
      finishChat: s.visitorsCanCloseChat !== false,
      offlineForm: s.displayOfflineForm === true,
      registrationForm: s.registrationForm === true,
      departments: true,
      // Livechat tells a visitor nothing of receipts, and the widget has no uploads yet.
      readReceipts: false,
      attachments: false,
      markdown: true,
      typing: true,
      pageVisits: monitor === 'title' || monitor === 'never' ? monitor : 'url',
      visitorStatus: true,
      visitorToken: true,
    },
    nameField: s.nameFieldRegistrationForm === true,
    emailField: s.emailFieldRegistrationForm === true,
    agentHidden: s.agentHiddenInfo === true,
    forgetWhenEnded: s.clearLocalStorageWhenChatEnded === true,
    limitTextLength: typeof limit === 'number' && limit > 0 ? limit : undefined,
    hiddenSystemMessages: on && s.hiddenSystemMessages != null ? r.strings('settings.hiddenSystemMessages', s.hiddenSystemMessages) : [],
    texts: {} as ServerTexts,
    departments: on && c.departments != null ? r.list('departments', c.departments, adaptDepartment) : [],
    // Community servers send no customFields at all.
    customFields: on && c.customFields != null ? r.list('customFields', c.customFields, adaptCustomField) : [],
  };
  const language = on ? r.optStr('settings.language', s.language) : undefined;
  if (language) config.language = language;
  for (const k of TEXT_KEYS) config.texts[k] = r.str(`messages.${k}`, messages[k]);
  if (!on) return config;
  const guest = c.guest;
  if (isObject(guest) && typeof guest.token === 'string' && typeof guest.username === 'string') config.visitor = adaptVisitor(guest as unknown as WireVisitor);
  const room = c.room;
  if (isObject(room) && typeof room._id === 'string') {
    const agent = isObject(c.agent) ? adaptAgent(c.agent as unknown as AgentInfoOrHidden) : undefined;
    config.openConversation = { id: room._id, ...(agent ? { agent } : {}) };
  }
  return config;
}
