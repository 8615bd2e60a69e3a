/**
 * Reading server answers defensively at the adapter boundary. Servers of other versions (and other
 * editions) leave optional parts out, send null, or send another shape; the widget must never go dead
 * because of one odd part. Each reader returns a safe value and, when the part was present but of the
 * wrong shape, says so once on the console, naming the route and the field, so a site owner can tell.
 */

export type Json = Record<string, unknown>;

const warned = new Set<string>();

/** Forget what was warned (tests; each starts with a quiet console). */
export const resetShapeWarnings = () => warned.clear();

/** Warn (once per route and field) that an answer's part was dropped. */
export function dropped(route: string, field: string, value: unknown): void {
  const key = `${route} ${field}`;
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(`[chat widget] ${route}: ignoring "${field}" of an unexpected shape (${describe(value)}); the rest of the answer is used.`);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

export const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** A reader bound to one route: each method takes the field's name (for the warning) and its value. */
export function reader(route: string) {
  const wrong = (field: string, v: unknown) => {
    // Missing and null are ordinary for optional parts; only a present value of another type is odd.
    if (v !== undefined && v !== null) dropped(route, field, v);
  };
  return {
    str(field: string, v: unknown, fallback = ''): string {
      if (typeof v === 'string') return v;
      wrong(field, v);
      return fallback;
    },
    optStr(field: string, v: unknown): string | undefined {
      if (typeof v === 'string') return v;
      wrong(field, v);
      return undefined;
    },
    bool(field: string, v: unknown, fallback = false): boolean {
      if (typeof v === 'boolean') return v;
      wrong(field, v);
      return fallback;
    },
    obj(field: string, v: unknown): Json {
      if (isObject(v)) return v;
      wrong(field, v);
      return {};
    },
    /** An array whose items are kept when `item` adapts them, and dropped (with a warning) when it returns undefined. */
    list<T>(field: string, v: unknown, item: (x: unknown, i: number) => T | undefined): T[] {
      if (!Array.isArray(v)) {
        wrong(field, v);
        return [];
      }
      const out: T[] = [];
      v.forEach((x, i) => {
        const adapted = item(x, i);
        if (adapted === undefined) dropped(route, `${field}[${i}]`, x);
        else out.push(adapted);
      });
      return out;
    },
    strings(field: string, v: unknown): string[] {
      if (!Array.isArray(v)) {
        wrong(field, v);
        return [];
      }
      return v.filter((x): x is string => typeof x === 'string');
    },
  };
}
