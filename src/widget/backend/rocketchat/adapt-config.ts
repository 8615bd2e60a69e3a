/**
 * `livechat/config` as the widget's ServerConfig, read part by part: Community and Enterprise, 7.x and
 * 8.x send different parts, and an odd one falls back to "off" instead of keeping the widget shut.
 */
import type { CustomFieldDefinition, Department, ServerConfig, ServerTexts } from '../chat-backend.ts';
import { isObject, reader } from '../shape.ts';
import { adaptAgent, adaptQueue, adaptVisitor, type RcVisitor } from './adapt.ts';
import { text } from './read.ts';

/** The config as read from Rocket.Chat, before the adapter keeps the visitor's credentials to itself. */
export interface RcConfig extends Omit<ServerConfig, 'visitor'> {
  visitor?: RcVisitor;
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
