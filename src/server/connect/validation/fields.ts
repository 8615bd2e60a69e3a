/**
 * Field checks with the Participant Service's Smithy constraints (lengths, ranges, enums). Any failure is
 * the service's one ValidationException text: its bodies never say which field was wrong.
 */
import { validation } from '../errors/aws-error.ts';

type Body = Record<string, unknown>;

interface StrRule {
  min?: number;
  max: number;
  required?: boolean;
}

export function str(body: Body, key: string, rule: StrRule): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) {
    if (rule.required) throw validation();
    return undefined;
  }
  if (typeof v !== 'string' || v.length < (rule.min ?? 0) || v.length > rule.max) throw validation();
  return v;
}

export function int(body: Body, key: string, min: number, max: number, required = false): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) {
    if (required) throw validation();
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw validation();
  return v;
}

export function oneOf<T extends string>(body: Body, key: string, values: readonly T[], required = false): T | undefined {
  const v = body[key];
  if (v === undefined || v === null) {
    if (required) throw validation();
    return undefined;
  }
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) throw validation();
  return v as T;
}

export function bool(body: Body, key: string): boolean | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw validation();
  return v;
}

export function list(body: Body, key: string, min: number, max: number, required = false): unknown[] | undefined {
  const v = body[key];
  if (v === undefined || v === null) {
    if (required) throw validation();
    return undefined;
  }
  if (!Array.isArray(v) || v.length < min || v.length > max) throw validation();
  return v;
}

export function obj(body: Body, key: string): Body | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw validation();
  return v as Body;
}

/** ClientToken: 0–500 characters where optional, 1–500 where the model marks it required (attachments). */
export function clientToken(body: Body, required = false): string | undefined {
  return str(body, 'ClientToken', { min: required ? 1 : 0, max: 500, required });
}
