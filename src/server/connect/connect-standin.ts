/**
 * The Amazon Connect stand-in as a value, mounted by `createStandin` beside the Rocket.Chat one: the
 * Participant Service at `/participant/*`, the control plane's StartChatContact/StopContact at
 * `/contact/*`, the chat websocket, presigned attachment URLs, and (with controls) `/_standin/connect/*`.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createConnectControls, type ControlsConfig } from './controls/connect-controls.ts';
import type { ThrottleOptions } from './http/throttle.ts';
import { handleAttachmentHttp } from './routes/attachment-http.ts';
import { handleControlPlane } from './routes/control-plane.ts';
import { ATTACHMENT_PATH } from './routes/operation.ts';
import { ParticipantService } from './routes/participant-service.ts';
import { ConnectStore } from './store/connect-store.ts';
import type { InstanceConfig } from './store/types.ts';
import { ChatTransport, type TransportOptions } from './websocket/transport-server.ts';

/** The demo/test instance and flow, printed at start and overridable by environment. */
export const DEMO_INSTANCE_ID = '3f6c7c1e-0c1d-4b7a-9a55-2f1d8c5e7a10';
export const DEMO_CONTACT_FLOW_ID = '8d2b4a6e-5f3c-4e1a-b7d9-0a1c2e3f4b5d';

export interface ConnectStandinOptions {
  region?: string;
  instanceId?: string;
  contactFlowId?: string;
  /** A greeting the flow sends when a chat starts; empty for none. */
  greeting?: string;
  attachments?: boolean;
  /** Participant API throttling; false = off (demo and test profiles). */
  throttle?: ThrottleOptions | false;
  transport?: TransportOptions;
  /** Name agents accept contacts under when they give none. */
  agentName?: string;
  /** Milliseconds the customer has to call CreateParticipantConnection (5 min). */
  connectWithinMs?: number;
  websocketUrlTtlMs?: number;
  connectionTokenTtlMs?: number;
  /** Override the base of websocket URLs (default ws://127.0.0.1:<port>). */
  wsOrigin?: string;
}

export interface ConnectStandin {
  readonly store: ConnectStore;
  readonly transport: ChatTransport;
  readonly participants: ParticipantService;
  readonly config: ControlsConfig;
  /** True when the request was one of the Connect stand-in's (and has been or is being answered). */
  handle(req: IncomingMessage, res: ServerResponse, url: URL, controls: boolean): Promise<void> | undefined;
  attach(server: Server): void;
  close(): void;
}

export function createConnectStandin(options: ConnectStandinOptions = {}): ConnectStandin {
  const config: ControlsConfig = {
    region: options.region ?? 'us-east-1',
    instanceId: options.instanceId ?? DEMO_INSTANCE_ID,
    contactFlowId: options.contactFlowId ?? DEMO_CONTACT_FLOW_ID,
    agentName: options.agentName ?? 'Ana Agent',
  };
  const instance: InstanceConfig = {
    id: config.instanceId,
    attachments: options.attachments ?? true,
    flows: [{ id: config.contactFlowId, name: 'Sample inbound flow', ...(options.greeting ? { greeting: options.greeting } : {}) }],
  };
  const store = new ConnectStore({
    instances: [instance],
    ...(options.connectWithinMs !== undefined ? { connectWithinMs: options.connectWithinMs } : {}),
    ...(options.websocketUrlTtlMs !== undefined ? { websocketUrlTtlMs: options.websocketUrlTtlMs } : {}),
    ...(options.connectionTokenTtlMs !== undefined ? { connectionTokenTtlMs: options.connectionTokenTtlMs } : {}),
  });
  const participants = new ParticipantService(store, { throttle: options.throttle ?? false, ...(options.wsOrigin ? { wsOrigin: options.wsOrigin } : {}) });
  const transport = new ChatTransport(store, options.transport);
  const controls = createConnectControls(store, transport, participants, config);

  return {
    store,
    transport,
    participants,
    config,
    handle(req, res, url, withControls) {
      const path = url.pathname;
      if (path.startsWith('/participant/')) return participants.handle(req, res, path);
      if (path.startsWith('/contact/')) return handleControlPlane(store, req, res, path);
      if (path.startsWith(ATTACHMENT_PATH)) return handleAttachmentHttp(store, participants.downloads, req, res, url);
      if (withControls && path.startsWith('/_standin/connect/')) return controls(req, res, path.slice('/_standin/connect'.length));
      return undefined;
    },
    attach: (server) => transport.attach(server),
    close() {
      transport.close();
      store.close();
    },
  };
}
