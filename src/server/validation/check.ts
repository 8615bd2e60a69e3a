/**
 * The subset of Meteor's `check()` that Rocket.Chat's visitor and room routes use, with Meteor's wording:
 * "Match error: Missing key 'token' in field visitor", "Expected string, got number in field visitor.token",
 * "Unknown key in field foo". Keys of the value are visited in their own order, then missing keys reported.
 * `Match.OneOf` (and `Maybe`, which Meteor builds from it) reports only that no alternative matched.
 */
import { MatchError } from '../errors.ts';

export type Pattern =
  | StringConstructor
  | BooleanConstructor
  | NumberConstructor
  | Maybe
  | ObjectIncluding
  | ArrayOf
  | OneOf
  | { [key: string]: Pattern };

class Maybe {
  constructor(readonly inner: Pattern) {}
}
class ObjectIncluding {
  constructor(readonly shape: { [key: string]: Pattern }) {}
}
class ArrayOf {
  constructor(readonly item: Pattern) {}
}
class OneOf {
  readonly alternatives: Pattern[];
  constructor(...alternatives: Pattern[]) {
    this.alternatives = alternatives;
  }
}

const ONE_OF_FAILED = 'Failed Match.OneOf, Match.Maybe or Match.Optional validation';

export const Match = {
  Maybe: (p: Pattern) => new Maybe(p),
  ObjectIncluding: (shape: { [key: string]: Pattern }) => new ObjectIncluding(shape),
  ArrayOf: (p: Pattern) => new ArrayOf(p),
  OneOf: (...alternatives: Pattern[]) => new OneOf(...alternatives),
};

interface Failure {
  message: string;
  path: string;
}

/** Meteor reports only the `typeof` of the offending value (so an array is "object"). */
function typeName(v: unknown): string {
  return v === null ? 'null' : typeof v;
}

/**
 * Meteor's path segments: numeric keys as `[0]`, keys that are not identifiers JSON-quoted as `["utm-source"]`,
 * others joined with a dot.
 */
function join(key: string | number, path: string): string {
  let segment: string;
  if (typeof key === 'number' || /^[0-9]+$/.test(key)) segment = `[${key}]`;
  else if (!/^[a-z_$][0-9a-z_$]*$/i.test(key)) segment = JSON.stringify([key]);
  else segment = key;
  if (path && !path.startsWith('[')) return `${segment}.${path}`;
  return segment + path;
}

function test(value: unknown, pattern: Pattern): Failure | undefined {
  if (pattern instanceof Maybe) {
    if (value === undefined || value === null) return undefined;
    // Meteor swallows the inner reason of a Maybe/Optional/OneOf failure.
    return test(value, pattern.inner) ? { message: ONE_OF_FAILED, path: '' } : undefined;
  }
  if (pattern instanceof OneOf) {
    // Same wording as Maybe: Meteor implements Maybe as OneOf(undefined, null, inner).
    return pattern.alternatives.some((p) => !test(value, p)) ? undefined : { message: ONE_OF_FAILED, path: '' };
  }
  if (pattern === String || pattern === Boolean || pattern === Number) {
    const expected = pattern === String ? 'string' : pattern === Boolean ? 'boolean' : 'number';
    if (typeof value === expected) return undefined;
    return { message: `Expected ${expected}, got ${typeName(value)}`, path: '' };
  }
  if (pattern instanceof ArrayOf) {
    if (!Array.isArray(value)) return { message: `Expected array, got ${typeName(value)}`, path: '' };
    for (let i = 0; i < value.length; i++) {
      const f = test(value[i], pattern.item);
      if (f) return { message: f.message, path: join(i, f.path) };
    }
    return undefined;
  }
  const includeUnknown = pattern instanceof ObjectIncluding;
  const shape = pattern instanceof ObjectIncluding ? pattern.shape : (pattern as { [key: string]: Pattern });
  if (typeof value !== 'object' || value === null) return { message: `Expected object, got ${typeName(value)}`, path: '' };
  if (Array.isArray(value)) return { message: 'Expected plain object', path: '' };
  const required = new Map<string, Pattern>();
  const optional = new Map<string, Pattern>();
  for (const [k, p] of Object.entries(shape)) (p instanceof Maybe ? optional : required).set(k, p);
  for (const [k, v] of Object.entries(value)) {
    const p = required.get(k) ?? optional.get(k);
    if (p === undefined) {
      if (includeUnknown) continue;
      return { message: 'Unknown key', path: join(k, '') };
    }
    const f = test(v, p);
    if (f) return { message: f.message, path: join(k, f.path) };
    required.delete(k);
  }
  const missing = required.keys().next();
  if (!missing.done) return { message: `Missing key '${missing.value}'`, path: '' };
  return undefined;
}

/** Throws MatchError with Meteor's message when `value` does not match `pattern`. */
export function check(value: unknown, pattern: Pattern): void {
  const f = test(value, pattern);
  if (f) throw new MatchError(f.path ? `${f.message} in field ${f.path}` : f.message);
}
