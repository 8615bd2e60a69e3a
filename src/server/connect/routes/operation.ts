/** What every Participant operation is given and must be: the caller located, the body, the origins. */
import { accessDenied } from '../errors/aws-error.ts';
import type { ConnectStore, Located } from '../store/connect-store.ts';

export interface OpContext {
  store: ConnectStore;
  located: Located;
  body: Record<string, unknown>;
  /** Path parameter of DescribeView. */
  viewToken?: string;
  /** `http://host:port` the caller reached us on, for presigned attachment URLs. */
  httpOrigin: string;
  /** The `ws://127.0.0.1:port` base of websocket URLs (chatjs accepts only wss:// or ws://127.0.0.1:). */
  wsOrigin: string;
  downloads: Map<string, { attachmentId: string; contactId: string; expiresAt: number }>;
}

export type BearerKind = 'participant' | 'connection';

export interface Operation {
  name: string;
  method: 'POST' | 'GET';
  bearer: BearerKind;
  run(ctx: OpContext): object;
}

export const TRANSPORT_PATH = '/connect-transport';
export const ATTACHMENT_PATH = '/connect-attachments/';

/** The first answer to a ClientToken is the answer to every retry, and nothing is done twice. */
export function once<T>(ctx: OpContext, op: string, token: string | undefined, fn: () => T): T {
  if (token === undefined || token === '') return fn();
  const key = `${ctx.located.participant.id} ${op} ${token}`;
  const cache = ctx.located.contact.idempotency;
  if (cache.has(key)) return cache.get(key) as T;
  const result = fn();
  cache.set(key, result);
  return result;
}

export function requireActive(located: Located): void {
  if (located.participant.left || located.contact.state === 'ended') throw accessDenied();
}
