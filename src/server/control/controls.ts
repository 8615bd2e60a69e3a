/**
 * `/_standin/*`: what tests and the demo need that a real Rocket.Chat does not offer — read what the
 * server recorded (transcripts, mail, offline messages) and inject faults (drop sockets, restart).
 * Mounted only when the stand-in is started with `controls: true`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
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

export function createControls(ctx: StandinContext, api: Api, realtime: RealtimeServer, hooks: ControlHooks) {
  const { store, mailer } = ctx;
  /** Customer pages a test registers, served from this origin like any site's page. */
  const pages = new Map<string, HostPage>();

  function servePage(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    const page = req.method === 'GET' ? pages.get(path) : undefined;
    if (!page) return false;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...page.headers });
    res.end(page.html);
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    let body: Record<string, unknown> = {};
    if (method === 'POST') {
      try {
        body = ((await readJsonBody(req, 64 * 1024)) ?? {}) as Record<string, unknown>;
      } catch (e) {
        return send(res, e instanceof BodyError ? e.status : 400, { success: false, error: String(e) });
      }
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
        const refuseMs = typeof body.refuseMs === 'number' ? body.refuseMs : 0;
        return send(res, 200, { dropped: realtime.dropAll(refuseMs) });
      }
      case 'POST pages': {
        const path = typeof body.path === 'string' && body.path.startsWith('/') ? body.path : undefined;
        if (!path || typeof body.html !== 'string') return send(res, 400, { success: false, error: 'expected { path: "/…", html }' });
        const headers = body.headers && typeof body.headers === 'object' ? (body.headers as Record<string, string>) : {};
        pages.set(path, { html: body.html, headers });
        return send(res, 200, { ok: true });
      }
      case 'POST rate-limit/reset':
        api.rateLimiter.reset();
        return send(res, 200, { ok: true });
      case 'POST restart': {
        if (!hooks.restart) return send(res, 501, { success: false, error: 'restart needs the stand-in to own its port (npm run server)' });
        const downMs = typeof body.downMs === 'number' ? body.downMs : 1000;
        send(res, 200, { restarting: true, downMs });
        // Let the reply leave before the listener and every connection go away.
        setTimeout(() => void hooks.restart!(downMs), 50);
        return;
      }
      default:
        return send(res, 404, { success: false, error: `unknown control ${key}` });
    }
  }

  return { handle, servePage };
}

export type Controls = ReturnType<typeof createControls>;
