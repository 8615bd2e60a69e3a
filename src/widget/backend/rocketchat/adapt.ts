/**
 * Pure conversions from Rocket.Chat's answers to the widget's domain types, so nothing above the
 * backend ever sees `_id`, `ts.$date` or `t: 'livechat-close'`. Every answer is read part by part from
 * `unknown` (shape.ts): a part another server version leaves out, sends as null or in another shape
 * falls back to "absent", with one console warning when it was present but odd; only a missing core
 * (a message without `_id`) drops the item.
 */
import type { Agent, Attachment, ChatMessage, CustomFieldDefinition, Department, QueuePlace, ServerConfig, ServerTexts, SystemEvent, Visitor } from '../chat-backend.ts';
import { ChatError } from '../errors.ts';
import { dropped, isObject, reader, type Json } from '../shape.ts';

/** A visitor as Rocket.Chat knows them: the domain fields plus the credentials the adapter keeps. */
export interface RcVisitor extends Visitor {
  token: string;
  username: string;
}

/** The config as read from Rocket.Chat, before the adapter keeps the visitor's credentials to itself. */
export interface RcConfig extends Omit<ServerConfig, 'visitor'> {
  visitor?: RcVisitor;
}

/** An answer without the part a call cannot do without: a server error the visitor is told about, never a crash. */
export function unexpected(route: string): ChatError {
  return new ChatError('server', `${route}: the server's answer is not one this widget understands`);
}

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

/** Pictures a browser shows in an <img> without running anything: never SVG. */
const PICTURE = /^image\/(png|jpe?g|gif|webp|avif|bmp)$/i;

/** REST sends ISO strings, DDP Dates (from EJSON), some paths `{ $date }` or epoch numbers. */
export function time(d: unknown): number | undefined {
  const v = d instanceof Date ? d.getTime() : typeof d === 'string' ? Date.parse(d) : typeof d === 'number' ? d : isObject(d) ? Number(d.$date) : NaN;
  return Number.isFinite(v) ? v : undefined;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);
const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/**
 * A link to the server's own files, as a path on it; links elsewhere (another site, `javascript:`,
 * `data:`) are refused, so nothing a message carries can point the widget anywhere but its server.
 */
export function serverPath(link: unknown, server: string): string | undefined {
  if (typeof link !== 'string' || !link) return undefined;
  try {
    const base = new URL(server);
    const url = new URL(link, base);
    if (!/^https?:$/.test(url.protocol) || url.origin !== base.origin) return undefined;
    return url.pathname + url.search;
  } catch {
    return undefined;
  }
}

function fileOf(a: Json, server: string, file: Json): Attachment | undefined {
  const id = serverPath(a.title_link, server);
  if (!id) return undefined;
  // Only media attachments carry a type and size; other files have them on the message (`file`, `fileUpload`).
  const media = ['image', 'audio', 'video'].find((k) => a[`${k}_type`] !== undefined);
  const type = text(a[`${media}_type`]) ?? text(file.type);
  const size = num(a[`${media}_size`]) ?? num(file.size);
  const out: Attachment = { id, name: text(a.title) ?? decodeURIComponent(id.split('/').pop() ?? '') };
  if (type) out.type = type;
  if (size !== undefined) out.size = size;
  if (text(a.description)) out.description = a.description as string;
  const picture = serverPath(a.image_url, server);
  if (picture && type && PICTURE.test(type)) {
    const d = isObject(a.image_dimensions) ? a.image_dimensions : {};
    out.image = {};
    if (num(d.width)) out.image.width = d.width as number;
    if (num(d.height)) out.image.height = d.height as number;
    if (picture !== id) out.image.preview = picture;
  }
  return out;
}

/** Files of a message: its file attachments (every version builds one per upload); other attachments are cards, not files. */
function filesOf(m: Json, server: string, route: string): Attachment[] {
  const file = { ...(isObject(m.file) ? m.file : {}), ...(isObject(m.fileUpload) ? m.fileUpload : {}) };
  const list = m.attachments == null ? [] : Array.isArray(m.attachments) ? m.attachments : (reader(route).obj('attachments', m.attachments), []);
  // Links elsewhere are an integration's card, not a file of this chat: left to the text.
  return list.map((a) => (isObject(a) ? fileOf(a, server, file) : undefined)).filter((a): a is Attachment => !!a);
}

export function adaptMessage(raw: unknown, server: string, route = 'message'): ChatMessage | undefined {
  if (!isObject(raw) || !text(raw._id)) return undefined;
  const r = reader(route);
  const u = r.obj('u', raw.u);
  const t = r.optStr('t', raw.t);
  const name = r.optStr('u.name', u.name) || r.optStr('alias', raw.alias);
  const m: ChatMessage = {
    id: raw._id as string,
    text: r.str('msg', raw.msg),
    // A live message without a usable time is news: it goes last.
    at: time(raw.ts) ?? Date.now(),
    from: t ? 'system' : text(raw.token) ? 'visitor' : 'agent',
    author: { username: r.str('u.username', u.username), ...(name ? { name } : {}) },
  };
  const edited = raw.editedAt == null ? undefined : time(raw.editedAt);
  if (edited !== undefined) m.editedAt = edited;
  const files = filesOf(raw, server, route);
  if (files.length) m.attachments = files;
  if (!t) return m;
  m.system = SYSTEM_EVENTS[t] ?? 'other';
  m.systemType = t;
  if (raw._hidden === true || NEVER_SHOWN.has(t)) m.hidden = true;
  if (t === 'livechat-close') {
    m.closedBy = text(raw.token) ? 'visitor' : 'agent';
    m.transcriptRequested = raw.transcriptRequested === true;
  }
  // Only a department's name: an agent's would show even where the server hides agents.
  const next = m.system === 'transfer' && isObject(raw.transferData) && isObject(raw.transferData.nextDepartment) ? text(raw.transferData.nextDepartment.name) : undefined;
  if (next) m.transferredTo = next;
  return m;
}

/** The messages of a list, dropping (with a warning) the items that are not messages. */
export function adaptMessages(raw: unknown, server: string, route: string): ChatMessage[] {
  return reader(route).list('messages', raw, (x) => adaptMessage(x, server, route));
}

/** Agent info (`agent.info`, `agentData`, `config.agent`): name and picture unless the server hides them. */
export function adaptAgent(raw: unknown, server: string, route = 'agent.info'): Agent | undefined {
  if (!isObject(raw)) return undefined;
  if (raw.hiddenInfo === true) return { username: '', hidden: true };
  const r = reader(route);
  const username = r.str('agent.username', raw.username);
  if (!username) return undefined;
  const name = r.optStr('agent.name', raw.name);
  return { username, ...(name ? { name } : {}), avatarUrl: `${server.replace(/\/+$/, '')}/avatar/${encodeURIComponent(username)}` };
}

export function adaptVisitor(raw: unknown, route = 'visitor'): RcVisitor | undefined {
  if (!isObject(raw) || !text(raw.token) || typeof raw.username !== 'string') return undefined;
  const r = reader(route);
  const name = r.optStr('name', raw.name);
  const email = raw.visitorEmails == null ? undefined : r.list('visitorEmails', raw.visitorEmails, (e) => (isObject(e) && text(e.address) ? (e.address as string) : undefined))[0];
  const department = r.optStr('department', raw.department);
  return {
    token: raw.token as string,
    username: raw.username,
    ...(name ? { name } : {}),
    ...(email ? { email } : {}),
    ...(department ? { department } : {}),
  };
}

/** `config.queueInfo` and `queueData`: `{ spot, message: { text }, estimatedWaitTimeSeconds }` (older: `message` a string). */
export function adaptQueue(raw: unknown, route: string): QueuePlace | undefined {
  if (!isObject(raw)) return undefined;
  const r = reader(route);
  const spot = num(raw.spot);
  if (spot === undefined) {
    if (raw.spot != null) dropped(route, 'spot', raw.spot);
    return undefined;
  }
  const wait = num(raw.estimatedWaitTimeSeconds);
  const message = isObject(raw.message) ? r.optStr('message.text', raw.message.text) : r.optStr('message', raw.message);
  return { position: Math.max(1, Math.round(spot)), ...(wait ? { waitSeconds: Math.round(wait) } : {}), ...(message ? { message } : {}) };
}

/**
 * Enterprise sends `options` as an array (its setting split on commas) and `defaultValue: null`; older
 * servers sent the stored comma string. A field without an id is dropped; anything else odd is defaulted.
 */
function adaptCustomField(x: unknown): CustomFieldDefinition | undefined {
  if (!isObject(x) || !text(x._id)) return undefined;
  const r = reader('config customFields');
  const options = typeof x.options === 'string' ? x.options.split(',') : r.strings('options', x.options);
  const pattern = r.optStr('regexp', x.regexp);
  const defaultValue = r.optStr('defaultValue', x.defaultValue);
  return {
    id: x._id as string,
    label: r.str('label', x.label, x._id as string),
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
export function adaptConfig(raw: unknown, server: string): RcConfig {
  const r = reader('config');
  const c = isObject(raw) ? raw : {};
  // A disabled server sends only `{ enabled: false }`: everything below falls back to "off".
  const on = c.enabled === true;
  const s = on ? r.obj('settings', c.settings) : {};
  const th = on ? r.obj('theme', c.theme) : {};
  const messages = on ? r.obj('messages', c.messages) : {};
  const survey = on && c.survey != null ? r.obj('survey', c.survey) : {};
  const questions = r.strings('survey.items', survey.items);
  const values = r.strings('survey.values', survey.values);
  const limit = s.limitTextLength;
  const monitor = s.historyMonitorType;
  const departments = on && c.departments != null ? r.list('departments', c.departments, adaptDepartment) : [];
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
      // Livechat tells a visitor nothing of receipts.
      readReceipts: false,
      attachments: true,
      markdown: true,
      typing: true,
      pageVisits: monitor === 'title' || monitor === 'never' ? monitor : 'url',
      visitorStatus: true,
      visitorToken: true,
      uploads: s.fileUpload === true,
      // As the official widget: offered when there is another department to choose.
      changeDepartment: s.allowSwitchingDepartments === true && departments.filter((d) => d.showOnRegistration).length > 1,
      removeVisitor: on,
      survey: questions.length > 0 && values.length > 0,
      // Read when they run (visitor-extras.ts), so a site without any downloads nothing of them.
      triggers: on && Array.isArray(c.triggers) && c.triggers.length > 0,
    },
    nameField: s.nameFieldRegistrationForm === true,
    emailField: s.emailFieldRegistrationForm === true,
    agentHidden: s.agentHiddenInfo === true,
    forgetWhenEnded: s.clearLocalStorageWhenChatEnded === true,
    limitTextLength: typeof limit === 'number' && limit > 0 ? limit : undefined,
    hiddenSystemMessages: on && s.hiddenSystemMessages != null ? r.strings('settings.hiddenSystemMessages', s.hiddenSystemMessages) : [],
    texts: {} as ServerTexts,
    departments,
    // Community servers send no customFields at all.
    customFields: on && c.customFields != null ? r.list('customFields', c.customFields, adaptCustomField) : [],
  };
  if (config.features.survey) config.survey = { questions, values };
  const language = on ? r.optStr('settings.language', s.language) : undefined;
  if (language) config.language = language;
  for (const k of TEXT_KEYS) config.texts[k] = r.str(`messages.${k}`, messages[k]);
  if (!on) return config;
  const resources = c.resources == null ? {} : r.obj('resources', c.resources);
  const sound = r.optStr('resources.sound', resources.sound);
  if (sound && /^https?:\/\//i.test(sound)) config.sound = sound;
  const visitor = c.guest == null ? undefined : adaptVisitor(c.guest, 'config guest');
  if (visitor) config.visitor = visitor;
  const room = c.room;
  if (isObject(room) && text(room._id)) {
    const agent = adaptAgent(c.agent, server, 'config agent');
    const queue = c.queueInfo == null ? undefined : adaptQueue(c.queueInfo, 'config queueInfo');
    const department = text(room.departmentId);
    config.openConversation = { id: room._id as string, ...(agent ? { agent } : {}), ...(queue && !agent ? { queue } : {}), ...(department ? { department } : {}) };
  }
  return config;
}
