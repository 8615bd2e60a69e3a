/**
 * `/_standin/*`: what tests and the demo need that a real Rocket.Chat does not offer — read what the
 * server recorded (transcripts, mail, offline messages) and inject faults (drop sockets, restart).
 * Mounted only when the stand-in is started with `controls: true`.
 */
import { validateHeaderName, validateHeaderValue, type IncomingMessage, type ServerResponse } from 'node:http';
import type { StandinContext } from '../context.ts';
import type { Api } from '../http/api.ts';
import { send } from '../http/api.ts';
import { BodyError, readJsonBody } from '../http/body.ts';
import type { CaughtMail } from '../mail/smtp-catcher.ts';
import type { RealtimeServer } from '../realtime/ddp-server.ts';

export interface ControlHooks {
  /** Set by a process that owns its port (main.ts): stop listening for `downMs`, then come back. */
  restart?: (downMs: number) => Promise<void>;
  /** Set when an SMTP catcher runs beside the stand-in: what it has received. */
  mailbox?: () => readonly CaughtMail[];
  /** Set when the demo bot runs: switch its automatic replies; `answering` while no agent is here. */
  demoBot?: { enabled: boolean; readonly answering?: boolean };
}

export interface HostPage {
  html: string;
  headers: Record<string, string>;
}

/** Paths a planted page may not take: they belong to the API, the realtime socket and these controls. */
const RESERVED = /^\/(api|_standin|websocket|sockjs)(\/|$)/;
const MAX_PAGES = 500;
/** Headers that frame the answer itself; the stand-in sets them. */
const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection', 'upgrade', 'trailer', 'keep-alive']);

/**
 * Why a request to `/_standin/*` is refused, if it is. These controls drop sockets, restart the server and
 * plant pages on its origin, so only callers with no browser origin (Node: the e2e fixtures, scripts) and
 * pages of this very origin (the demo's mailbox and agent console) may use them. A page on another site
 * is refused even when its request needs no preflight.
 */
export function controlRefusal(req: IncomingMessage): string | undefined {
  const fetchSite = req.headers['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') return 'cross-site requests are refused';
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (!host || host !== req.headers.host) return 'cross-site requests are refused';
  return undefined;
}

/**
 * The guard in front of every `/_standin/*` control (this stand-in's and the Connect stand-in's):
 * another site is refused, and a body is read only as `application/json`, so no request skips the
 * CORS preflight. Returns the answer to send, or undefined to go on.
 */
export function guardControl(req: IncomingMessage): { status: number; error: string } | undefined {
  const refusal = controlRefusal(req);
  if (refusal) return { status: 403, error: refusal };
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !isJsonType(req.headers['content-type'])) return { status: 415, error: 'expected Content-Type: application/json' };
  return undefined;
}

/** `application/json`, with parameters (charset) allowed; not `text/plain; charset=json`. */
export function isJsonType(type: string | undefined): boolean {
  return (type ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/** A planted page's headers, checked now so serving it later cannot fail (CR/LF, bad names). */
function pageHeaders(raw: unknown): Record<string, string> | undefined {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value !== 'string' || FRAMING.has(name.toLowerCase())) return undefined;
    try {
      validateHeaderName(name);
      validateHeaderValue(name, value);
    } catch {
      return undefined;
    }
    out[name] = value;
  }
  return out;
}

export function createControls(ctx: StandinContext, api: Api, realtime: RealtimeServer, hooks: ControlHooks) {
  const { store, mailer } = ctx;
  /** Customer pages a test registers, served from this origin like any site's page. */
  const pages = new Map<string, HostPage>();

  function servePage(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    const page = req.method === 'GET' || req.method === 'HEAD' ? pages.get(path) : undefined;
    if (!page) return false;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...page.headers });
    res.end(req.method === 'HEAD' ? undefined : page.html);
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    const refusal = controlRefusal(req);
    if (refusal) {
      req.resume();
      return send(res, 403, { success: false, error: refusal });
    }
    let body: Record<string, unknown> = {};
    if (method === 'POST') {
      if (!isJsonType(req.headers['content-type'])) {
        req.resume();
        return send(res, 415, { success: false, error: 'expected Content-Type: application/json' });
      }
      let parsed: unknown;
      try {
        parsed = await readJsonBody(req, 64 * 1024);
      } catch (e) {
        return send(res, e instanceof BodyError ? e.status : 400, { success: false, error: e instanceof Error ? e.message : 'bad body' });
      }
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    }
    const key = `${method} ${path}`;
    switch (key) {
      case 'GET health':
        return send(res, 200, { ok: true, sockets: realtime.sessionCount });
      case 'GET transcripts':
        return send(res, 200, { transcripts: store.transcripts });
      case 'GET mail':
        return send(res, 200, { mail: mailer.sent });
      case 'GET mailbox':
        if (!hooks.mailbox) return send(res, 501, { success: false, error: 'no SMTP catcher runs beside this stand-in' });
        return send(res, 200, { mails: [...hooks.mailbox()].reverse() });
      case 'GET demo-bot':
        return send(res, 200, { enabled: hooks.demoBot?.enabled ?? false, available: !!hooks.demoBot, answering: hooks.demoBot?.answering ?? false });
      case 'POST demo-bot':
        if (!hooks.demoBot) return send(res, 501, { success: false, error: 'the demo bot is not running' });
        hooks.demoBot.enabled = body.enabled === true;
        return send(res, 200, { enabled: hooks.demoBot.enabled, answering: hooks.demoBot.answering ?? false });
      case 'GET offline-messages':
        return send(res, 200, { offlineMessages: store.offlineMessages });
      case 'POST realtime/drop': {
        const refuseMs = typeof body.refuseMs === 'number' && Number.isFinite(body.refuseMs) ? Math.min(Math.max(0, body.refuseMs), 60_000) : 0;
        return send(res, 200, { dropped: realtime.dropAll(refuseMs) });
      }
      case 'POST pages': {
        const path = typeof body.path === 'string' && /^\/[^?#\s]*$/.test(body.path) && !RESERVED.test(body.path) ? body.path : undefined;
        const headers = pageHeaders(body.headers);
        if (!path || typeof body.html !== 'string' || !headers) {
          return send(res, 400, { success: false, error: 'expected { path: "/…" (not /api, /_standin, /websocket), html, headers?: { name: value } }' });
        }
        pages.delete(path);
        pages.set(path, { html: body.html, headers });
        // Oldest first out: a long test run must not grow this without bound.
        if (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value!);
        return send(res, 200, { ok: true });
      }
      case 'POST rate-limit/reset':
        api.rateLimiter.reset();
        return send(res, 200, { ok: true });
      case 'POST restart': {
        if (!hooks.restart) return send(res, 501, { success: false, error: 'restart needs the stand-in to own its port (npm run server)' });
        const downMs = typeof body.downMs === 'number' && Number.isFinite(body.downMs) ? Math.min(Math.max(0, body.downMs), 60_000) : 1000;
        // `wipe`: come back as a server restarted without its data, knowing no visitor.
        const wipe = body.wipe === true;
        send(res, 200, { restarting: true, downMs, wipe });
        if (wipe) store.forgetConversations();
        // Let the reply leave before the listener and every connection go away.
        setTimeout(() => hooks.restart!(downMs).catch((e: unknown) => console.error('[standin] restart failed', e)), 50);
        return;
      }
      default:
        return send(res, 404, { success: false, error: `unknown control ${key}` });
    }
  }

  return { handle, servePage };
}

export type Controls = ReturnType<typeof createControls>;
