/**
 * DDP frames as Rocket.Chat speaks them over `/websocket` (contract §9), and the EJSON date codec.
 * Only the subset a Livechat visitor and a test agent need.
 */

export type DdpClientFrame =
  | { msg: 'connect'; version: string; support?: string[]; session?: string }
  | { msg: 'ping'; id?: string }
  | { msg: 'pong'; id?: string }
  | { msg: 'sub'; id: string; name: string; params: unknown[] }
  | { msg: 'unsub'; id: string }
  | { msg: 'method'; id: string; method: string; params: unknown[] };

export interface DdpError {
  isClientSafe?: boolean;
  error: string | number;
  reason?: string;
  message?: string;
  errorType?: string;
}

export type DdpServerFrame =
  | { server_id: string; msg?: undefined }
  | { msg: 'connected'; session: string }
  | { msg: 'failed'; version: string }
  | { msg: 'ping'; id?: string }
  | { msg: 'pong'; id?: string }
  | { msg: 'ready'; subs: string[] }
  | { msg: 'nosub'; id: string; error?: DdpError }
  | { msg: 'result'; id: string; result?: unknown; error?: DdpError }
  | { msg: 'updated'; methods: string[] }
  | { msg: 'changed'; collection: string; id: string; fields: { eventName: string; args: unknown[] } }
  | { msg: 'error'; reason: string; offendingMessage?: unknown };

/** The stream names a Livechat visitor subscribes to. */
export const STREAM_ROOM_MESSAGES = 'stream-room-messages';
export const STREAM_NOTIFY_ROOM = 'stream-notify-room';
export const STREAM_LIVECHAT_ROOM = 'stream-livechat-room';

/** Subscription params as `@rocket.chat/ddp-client` sends them: `[eventName, { useCollection, args }]`. */
export interface StreamSubParams {
  useCollection: false;
  args: unknown[];
}

export type LivechatRoomEvent =
  | { type: 'agentData'; data?: unknown }
  | { type: 'agentStatus'; status: string }
  | { type: 'queueData'; data?: unknown }
  | { type: 'visitorData'; visitor: unknown };

/** EJSON: Date <-> { $date: ms }. Walks plain objects and arrays only. */
export function toEjson(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.getTime() };
  if (Array.isArray(value)) return value.map(toEjson);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toEjson(v);
    return out;
  }
  return value;
}

export function fromEjson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromEjson);
  if (value && typeof value === 'object') {
    const rec = value as Record<string, unknown>;
    const keys = Object.keys(rec);
    if (keys.length === 1 && keys[0] === '$date' && typeof rec.$date === 'number') return new Date(rec.$date);
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = fromEjson(rec[k]);
    return out;
  }
  return value;
}
