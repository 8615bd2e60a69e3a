/**
 * amazon-connect-chat-interface's API for pages that switch to this widget by changing only the
 * script: `initiateChat(input, onSuccess, onFailure)` gives the adapter its options (kept for the tab,
 * so a reload mid-chat finds the same endpoint) and starts the chat; the session it hands back says
 * when the chat is over. Loaded only by pages that use it.
 */
import type { KeyValueStore } from '../backend/chat-backend.ts';
import type { ConnectBackendOptions } from '../backend/amazon-connect/backend.ts';
import type { ApiCall } from '../embed/host-contract.ts';
import type { Chat } from '../state/chat.ts';

/** chat-interface's `initiateChat` input, as far as the widget uses it (its README and ChatInitiator). */
interface InitiateChatInput {
  name?: unknown;
  region?: unknown;
  apiGatewayEndpoint?: unknown;
  contactAttributes?: unknown;
  supportedMessagingContentTypes?: unknown;
  initialMessage?: unknown;
  chatDurationInMinutes?: unknown;
  instanceId?: unknown;
  contactFlowId?: unknown;
  headers?: unknown;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

function strings(v: unknown): Record<string, string> | undefined {
  let o = v;
  if (typeof v === 'string') {
    try {
      o = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  if (!o || typeof o !== 'object' || Array.isArray(o)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(o)) if (typeof x === 'string') out[k] = x;
  return out;
}

/** The input's options, checked: a page's mistakes become console warnings, never a crash. */
export function fromInitiateChat(input: InitiateChatInput): Partial<ConnectBackendOptions> {
  const types = str(input.supportedMessagingContentTypes)?.split(',').map((t) => t.trim()).filter(Boolean);
  const duration = Number(input.chatDurationInMinutes);
  const o: Partial<ConnectBackendOptions> = {};
  const url = str(input.apiGatewayEndpoint);
  if (url) o.startChatUrl = url;
  if (str(input.region)) o.region = str(input.region)!;
  if (str(input.name)) o.displayName = str(input.name)!;
  const attributes = strings(input.contactAttributes);
  if (attributes) o.attributes = attributes;
  // text/plain is always supported; the rest is what the page enables.
  if (types) o.contentTypes = [...new Set(['text/plain', ...types])];
  if (str(input.initialMessage)) o.initialMessage = str(input.initialMessage)!;
  if (duration > 0) o.chatDurationInMinutes = duration;
  if (str(input.instanceId)) o.instanceId = str(input.instanceId)!;
  if (str(input.contactFlowId)) o.contactFlowId = str(input.contactFlowId)!;
  const headers = strings(input.headers);
  if (headers) o.headers = headers;
  return o;
}

/** The page's input (this page's, or the one kept from before a reload) into the adapter's options. */
export function configure(options: ConnectBackendOptions, queued: readonly ApiCall[], storage: KeyValueStore): void {
  const initiate = [...queued].reverse().find((q) => q.method === 'initiateChat');
  const input = (initiate?.args[0] ?? storage.get<InitiateChatInput>('ci')) as InitiateChatInput | undefined;
  if (input && typeof input === 'object') Object.assign(options, fromInitiateChat(input));
}

/** chat-interface sessions' `onChatDisconnected` callbacks, called when the chat ends. */
let disconnected: (() => void)[] = [];

/** `initiateChat(input, onSuccess, onFailure)`: start now, and say how it went. */
export async function initiateChat(options: ConnectBackendOptions, storage: KeyValueStore, chat: Chat, call: ApiCall): Promise<void> {
  const [raw, ok, fail] = call.args as [InitiateChatInput | undefined, unknown, unknown];
  const input = raw && typeof raw === 'object' ? raw : {};
  const next = fromInitiateChat(input);
  if (!next.startChatUrl && !options.startChatUrl) {
    console.warn('[chat widget] connect.ChatInterface.initiateChat: apiGatewayEndpoint (your start-chat endpoint) is required');
  }
  // Only the page's own options: kept for the tab, so a reload mid-chat reconnects to the same place.
  storage.set('ci', input);
  Object.assign(options, next);
  const started = chat.conversationId.value && !chat.ended.value ? true : (chat.ended.value && chat.newChat(), await chat.start());
  const id = chat.conversationId.value;
  if (started && id) {
    const session = {
      contactId: id,
      /** As chat-interface's session: called once the chat is over. */
      onChatDisconnected(cb: unknown) {
        if (typeof cb === 'function') disconnected.push(() => (cb as (d: unknown) => void)({ contactId: id }));
      },
      endChat: () => chat.finish(),
    };
    if (typeof ok === 'function') ok(session);
  } else if (typeof fail === 'function') {
    fail(chat.notice.value?.error ?? new Error('The chat could not be started'));
  }
}

/** The chat ended: tell the page's sessions, once. */
export function ended(): void {
  const calls = disconnected;
  disconnected = [];
  for (const fn of calls) {
    try {
      fn();
    } catch (e) {
      console.error('[chat widget] onChatDisconnected:', e);
    }
  }
}
