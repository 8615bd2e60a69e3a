/**
 * Narrowing of untrusted DDP client frames. Every field is checked by type before any handler sees
 * it, so a frame such as `{"msg":"connect","support":5}` becomes a protocol error, never an exception.
 * What Meteor's ddp-server does with each malformed frame: an unknown or ill-typed message answers
 * `{msg:'error', reason:'Bad request', offendingMessage}`; an ill-typed `connect` answers `failed` and
 * closes, as Meteor does when `version` is not a string or `support` not an array of strings.
 */
import type { DdpClientFrame } from '../../shared/rocketchat/ddp.ts';

export type ParsedFrame = { ok: true; frame: DdpClientFrame } | { ok: false; reason: 'Bad request'; badConnect?: true };

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const optional = <T,>(v: unknown, guard: (v: unknown) => v is T): boolean => v === undefined || guard(v);

const BAD = { ok: false, reason: 'Bad request' } as const;

export function parseClientFrame(raw: unknown): ParsedFrame {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return BAD;
  const f = raw as Record<string, unknown>;
  switch (f.msg) {
    case 'connect':
      if (!isString(f.version) || !optional(f.support, isStringArray) || !optional(f.session, isString)) return { ...BAD, badConnect: true };
      return {
        ok: true,
        frame: { msg: 'connect', version: f.version, ...(f.support ? { support: f.support as string[] } : {}), ...(isString(f.session) ? { session: f.session } : {}) },
      };
    case 'ping':
    case 'pong':
      if (!optional(f.id, isString)) return BAD;
      return { ok: true, frame: isString(f.id) ? { msg: f.msg, id: f.id } : { msg: f.msg } };
    case 'sub':
      if (!isString(f.id) || !isString(f.name) || !optional(f.params, Array.isArray)) return BAD;
      return { ok: true, frame: { msg: 'sub', id: f.id, name: f.name, params: (f.params as unknown[] | undefined) ?? [] } };
    case 'unsub':
      if (!isString(f.id)) return BAD;
      return { ok: true, frame: { msg: 'unsub', id: f.id } };
    case 'method':
      if (!isString(f.id) || !isString(f.method) || !optional(f.params, Array.isArray)) return BAD;
      return { ok: true, frame: { msg: 'method', id: f.id, method: f.method, params: (f.params as unknown[] | undefined) ?? [] } };
    default:
      return BAD;
  }
}
