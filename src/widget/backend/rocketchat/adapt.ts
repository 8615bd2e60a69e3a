/**
 * Pure conversions from Rocket.Chat's answers to the widget's domain types, so nothing above the
 * backend ever sees `_id`, `ts.$date` or `t: 'livechat-close'` (files: adapt-files.ts; the config:
 * adapt-config.ts). Every answer is read part by part from `unknown` (shape.ts): a part another server
 * version leaves out, sends as null or in another shape falls back to "absent", with one console
 * warning when it was present but odd; only a missing core (a message without `_id`) drops the item.
 */
import type { Agent, ChatMessage, QueuePlace, SystemEvent, Visitor } from '../chat-backend.ts';
import { ChatError } from '../errors.ts';
import { dropped, isObject, reader } from '../shape.ts';
import { filesOf } from './adapt-files.ts';
import { num, text, time } from './read.ts';

/** A visitor as Rocket.Chat knows them: the domain fields plus the credentials the adapter keeps. */
export interface RcVisitor extends Visitor {
  token: string;
  username: string;
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
