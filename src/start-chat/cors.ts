/**
 * CORS for the backend: only configured origins (or `*`) get `Access-Control-Allow-Origin`, echoed with
 * `Vary: Origin`. Requests without an Origin (curl, server to server) are not CORS and pass.
 */
export function originAllowed(origin: string | undefined, allowed: string[]): boolean {
  if (!origin) return true;
  return allowed.includes('*') || allowed.some((a) => a.replace(/\/+$/, '').toLowerCase() === origin.toLowerCase());
}

export function corsHeaders(origin: string | undefined, allowed: string[]): Record<string, string> {
  if (!origin || !originAllowed(origin, allowed)) return {};
  return { 'Access-Control-Allow-Origin': allowed.includes('*') ? '*' : origin, Vary: 'Origin' };
}

/** Request headers a page may send: Content-Type and the custom headers chat-interface lets sites add. */
const TOKEN = /^[A-Za-z0-9-]{1,64}$/;

export function preflightHeaders(origin: string | undefined, allowed: string[], requested: string | undefined): Record<string, string> {
  const base = corsHeaders(origin, allowed);
  if (!base['Access-Control-Allow-Origin']) return {};
  const headers = (requested ?? '').split(',').map((h) => h.trim()).filter((h) => TOKEN.test(h));
  return {
    ...base,
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': ['Content-Type', ...headers.filter((h) => h.toLowerCase() !== 'content-type')].join(', '),
    'Access-Control-Max-Age': '600',
  };
}
