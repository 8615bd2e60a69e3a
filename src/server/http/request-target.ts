/** Reading a request line safely: it is whatever the client sent. */

/**
 * The path and query of a request target, never throwing: `new URL('//a:99999', base)` does, and a
 * request line is whatever the client sent.
 */
export function requestTarget(raw: string | undefined): { path: string; search: string } {
  const target = raw ?? '/';
  try {
    const url = new URL(target, 'http://standin.invalid');
    // `//host/path` would parse as a host; keep it a path, as a router does.
    if (target.startsWith('/') && !target.startsWith('//')) return { path: url.pathname, search: url.search };
  } catch {
    // fall through to the plain split
  }
  const q = target.indexOf('?');
  return { path: q < 0 ? target : target.slice(0, q), search: q < 0 ? '' : target.slice(q) };
}

/** The request target as a URL (on a placeholder origin), or undefined when it is not a plain path. */
export function requestUrl(raw: string | undefined): URL | undefined {
  const target = raw ?? '/';
  if (!target.startsWith('/') || target.startsWith('//')) return undefined;
  try {
    return new URL(target, 'http://standin.invalid');
  } catch {
    return undefined;
  }
}
