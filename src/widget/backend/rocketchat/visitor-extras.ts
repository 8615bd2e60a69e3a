/**
 * What a visitor does now and then rather than in every chat — change department, answer the survey,
 * erase their data, learn who would answer (finishing, the transcript, the offline message: ending.ts;
 * sending a file: upload-file.ts; its rules: upload-rules.ts) — loaded the first time one is used, so an
 * open chat does not download them. The Rocket.Chat backend (backend.ts) hands over its REST client and
 * the visitor's credentials.
 */
import { randomId } from '../../../shared/random-id.ts';
import type { Agent, Trigger, TriggerCondition } from '../chat-backend.ts';
import { ChatError, isChatError } from '../errors.ts';
import { isObject, reader } from '../shape.ts';
import { adaptAgent } from './adapt.ts';
import { serverPath } from './adapt-files.ts';
import type { RestClient } from './rest-client.ts';

export interface ExtrasContext {
  serverUrl: string;
  call: RestClient;
  token: () => string;
  forgetVisitor: () => void;
  /** Which transfer route this server answers: 8.x's, or 7.x's (removed in 8.x); learned on first use. */
  transferRoute?: 'POST livechat/visitor/department.transfer' | 'POST livechat/room.transfer';
}

/**
 * Files are served to a visitor who shows the room and their token; a cross-origin widget cannot rely
 * on cookies, so they go in the query, as Rocket.Chat's file routes also accept them. Only the server's
 * own paths (the adapter made every file id one) become an address.
 */
export async function attachmentUrl(ctx: ExtrasContext, p: { conversation: string; id: string }): Promise<string> {
  const path = serverPath(p.id, ctx.serverUrl);
  if (!path) throw new ChatError('not-found', 'Not a file of this chat server');
  const url = new URL(path, ctx.serverUrl);
  url.searchParams.set('rc_room_type', 'l');
  url.searchParams.set('rc_rid', p.conversation);
  url.searchParams.set('rc_token', ctx.token());
  return url.href;
}

export async function transferChat(ctx: ExtrasContext, p: { conversation: string; department: string }): Promise<void> {
  const body = { token: ctx.token(), rid: p.conversation, department: p.department };
  const route = ctx.transferRoute ?? 'POST livechat/visitor/department.transfer';
  try {
    await ctx.call(route, { body });
  } catch (e) {
    // A server without the route answers 404 (or 405, where 7.x matches `visitor/:token`): try the other.
    const status = isChatError(e) ? e.details.status : undefined;
    if (status !== 404 && status !== 405) throw e;
    const other = route === 'POST livechat/room.transfer' ? 'POST livechat/visitor/department.transfer' : 'POST livechat/room.transfer';
    await ctx.call(other, { body });
    ctx.transferRoute = other;
  }
}

export async function sendSurvey(ctx: ExtrasContext, p: { conversation: string; answers: Record<string, string>; comment?: string }): Promise<void> {
  const data = Object.entries(p.answers).map(([name, value]) => ({ name, value }));
  if (p.comment?.trim()) data.push({ name: 'additionalFeedback', value: p.comment.trim() });
  if (data.length) await ctx.call('POST livechat/room.survey', { body: { token: ctx.token(), rid: p.conversation, data } });
}

export async function removeVisitor(ctx: ExtrasContext): Promise<void> {
  try {
    await ctx.call('DELETE livechat/visitor/:token', { params: { token: ctx.token() }, body: {} });
  } catch (e) {
    // A visitor the server never knew (or already erased) has nothing left to erase.
    if (!(isChatError(e) && e.details.code === 'invalid-token')) throw e;
  }
  ctx.forgetVisitor();
}

export async function nextAgent(ctx: ExtrasContext, p: { department?: string }): Promise<Agent | undefined> {
  try {
    // A visitor not yet registered has no token: the route needs one in its path, not a known one.
    const body: unknown = await ctx.call('GET livechat/agent.next/:token', { params: { token: ctx.token() || randomId() }, query: p.department ? { department: p.department } : {} });
    return isObject(body) ? adaptAgent(body.agent, ctx.serverUrl, 'livechat/agent.next') : undefined;
  } catch {
    // Nobody to name (agent-not-found) or no answer: the message is shown as from "an agent".
    return undefined;
  }
}

/**
 * A trigger as the official widget runs it: its first condition and its first action, which must
 * send a message (`use-external-service` needs an integration the widget does not have).
 */
export function adaptTrigger(x: unknown): Trigger | undefined {
  if (!isObject(x) || typeof x._id !== 'string' || !x._id) return undefined;
  const c = Array.isArray(x.conditions) ? x.conditions[0] : undefined;
  const a = Array.isArray(x.actions) ? x.actions[0] : undefined;
  if (!isObject(c) || !isObject(a) || a.name !== 'send-message') return undefined;
  const p = isObject(a.params) ? a.params : {};
  if (typeof p.msg !== 'string' || !p.msg.trim()) return undefined;
  const seconds = Number(c.value ?? 0);
  const when: TriggerCondition | undefined =
    c.name === 'page-url' && typeof c.value === 'string' && c.value
      ? { kind: 'page-url', pattern: c.value as string }
      : c.name === 'time-on-site' && seconds >= 0
        ? { kind: 'time-on-site', seconds }
        : c.name === 'chat-opened-by-visitor'
          ? { kind: 'chat-opened' }
          : c.name === 'after-guest-registration'
            ? { kind: 'registered' }
            : undefined;
  if (!when) return undefined;
  const custom = p.sender === 'custom';
  return { id: x._id as string, runOnce: x.runOnce === true, when, say: { text: p.msg as string, from: custom ? 'custom' : 'queue', ...(custom && typeof p.name === 'string' && p.name ? { name: p.name } : {}) } };
}

/** `config.triggers`, kept by the backend as the server sent it; those the widget cannot run are dropped with a warning. */
export function adaptTriggers(raw: unknown): Trigger[] {
  return reader('config').list('triggers', raw, adaptTrigger);
}
