/**
 * The stand-in as a value: a connect-style middleware plus a WebSocket attach, with no port of its own,
 * so Vite's dev server can mount it and `main.ts` can run it alone (the fastify/demo app/server split).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { StandinContext } from './context.ts';
import { createControls, type ControlHooks } from './control/controls.ts';
import { Api, send } from './http/api.ts';
import { applyCors } from './http/cors.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { registerAgentRoomRoutes } from './routes/agent/rooms.ts';
import { registerAuthRoutes } from './routes/agent/auth.ts';
import { registerSettingsRoutes } from './routes/agent/settings.ts';
import { registerAgentInfoRoutes } from './routes/livechat/agent-info.ts';
import { registerConfigRoutes } from './routes/livechat/config.ts';
import { registerCustomFieldRoutes } from './routes/livechat/custom-fields.ts';
import { registerMessageRoutes } from './routes/livechat/message.ts';
import { registerOfflineRoutes } from './routes/livechat/offline.ts';
import { registerPageVisitedRoutes } from './routes/livechat/page-visited.ts';
import { registerRoomRoutes } from './routes/livechat/room.ts';
import { registerTranscriptRoutes } from './routes/livechat/transcript.ts';
import { registerUploadRoutes } from './routes/livechat/upload.ts';
import { registerTransferRoutes } from './routes/livechat/transfer.ts';
import { registerTriggerRoutes } from './routes/agent/triggers.ts';
import { registerAgentMessageRoutes } from './routes/agent/messages.ts';
import { serveAsset } from './routes/assets/index.ts';
import { registerVisitorRoutes } from './routes/livechat/visitor.ts';
import { RealtimeServer, type RealtimeOptions } from './realtime/ddp-server.ts';
import { applySeed, type Seed } from './seed.ts';
import { createConnectStandin, type ConnectStandin, type ConnectStandinOptions } from './connect/connect-standin.ts';
import { mountConnectBackend } from './connect/connect-backend-mount.ts';
import { Store } from './store/store.ts';

export const STANDIN_VERSION = '7.10.0';

export interface StandinOptions extends Seed {
  /** Largest JSON body accepted, in bytes (413 above it). */
  bodyLimitBytes?: number;
  /** Expose `/_standin/*`: test and demo helpers a real Rocket.Chat does not have. */
  controls?: boolean;
  realtime?: RealtimeOptions;
  /** The Amazon Connect stand-in mounted beside Rocket.Chat's (`/participant/*`, `/contact/*`); false = none. */
  connect?: ConnectStandinOptions | false;
  /** Mount the reference start-chat backend at `/connect-backend/*` (with the Connect stand-in; default on). */
  connectBackend?: boolean;
}

export type Next = (err?: unknown) => void;

export interface Standin {
  readonly store: Store;
  readonly mailer: Mailer;
  readonly realtime: RealtimeServer;
  /** The Amazon Connect stand-in, when mounted. */
  readonly connect: ConnectStandin | undefined;
  /** Filled in by whoever owns the listening socket (main.ts), so `/_standin/restart` can work. */
  readonly hooks: ControlHooks;
  /** Connect-style middleware: answers `/api/*` (and `/_standin/*`), passes anything else to `next`. */
  handle(req: IncomingMessage, res: ServerResponse, next: Next): void;
  /** Route WebSocket upgrades on `/websocket` to the realtime server. */
  attach(server: Server): void;
  close(): Promise<void>;
}

export function createStandin(options: StandinOptions = {}): Standin {
  const store = new Store();
  applySeed(store, options);
  const mailer = createMailer(store);
  const ctx: StandinContext = { store, mailer };
  const api = new Api(store, { bodyLimitBytes: options.bodyLimitBytes ?? 1_048_576 });

  registerConfigRoutes(api, ctx);
  registerVisitorRoutes(api, ctx);
  registerRoomRoutes(api, ctx);
  registerMessageRoutes(api, ctx);
  registerTranscriptRoutes(api, ctx);
  registerAgentInfoRoutes(api, ctx);
  registerOfflineRoutes(api, ctx);
  registerPageVisitedRoutes(api, ctx);
  registerCustomFieldRoutes(api, ctx);
  registerUploadRoutes(api, ctx);
  registerTransferRoutes(api, ctx);
  registerTriggerRoutes(api, ctx);
  registerAgentMessageRoutes(api, ctx);
  registerAuthRoutes(api, ctx);
  registerAgentRoomRoutes(api, ctx);
  registerSettingsRoutes(api, ctx);

  const realtime = new RealtimeServer(store, options.realtime);
  const hooks: ControlHooks = {};
  const controls = createControls(ctx, api, realtime, hooks);
  const connect = options.connect === false ? undefined : createConnectStandin(options.connect ?? {});
  const connectBackend = connect && options.connectBackend !== false ? mountConnectBackend(connect, store.settings) : undefined;

  function handle(req: IncomingMessage, res: ServerResponse, next: Next): void {
    const url = new URL(req.url ?? '/', 'http://standin.invalid');
    const path = url.pathname;
    if (connectBackend?.middleware(req, res)) return;
    const connectAnswer = connect?.handle(req, res, url, !!options.controls);
    if (connectAnswer) {
      connectAnswer.catch((e: unknown) => {
        console.error('[standin] unexpected Connect stand-in error', e);
        if (!res.headersSent) send(res, 500, { message: 'Internal server error' });
      });
      return;
    }
    if (options.controls && path.startsWith('/_standin/')) {
      controls.handle(req, res, path.slice('/_standin/'.length)).catch(next);
      return;
    }
    if (options.controls && controls.servePage(req, res, path)) return;
    if (serveAsset(store, req, res, url)) return;
    if (!path.startsWith('/api/')) return next();
    if (applyCors(store.settings, req, res)) return;
    if (path === '/api/info') {
      send(res, 200, { version: STANDIN_VERSION, success: true });
      return;
    }
    if (!path.startsWith('/api/v1/')) {
      send(res, 404, { status: 'error', message: 'API endpoint does not exist' });
      return;
    }
    api.handle(req, res, path.slice('/api/v1/'.length), url.search).catch((e: unknown) => {
      // The API wrapper catches handler errors; reaching here is a stand-in bug. Answer, never crash.
      console.error('[standin] unexpected error', e);
      send(res, 500, { success: false, error: 'Internal server error' });
    });
  }

  return {
    store,
    mailer,
    realtime,
    connect,
    hooks,
    handle,
    attach: (server) => {
      realtime.attach(server);
      connect?.attach(server);
    },
    close: async () => {
      realtime.close();
      connect?.close();
      connectBackend?.backend.close();
    },
  };
}
