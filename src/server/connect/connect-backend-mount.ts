/**
 * Mounts the reference start-chat backend (src/start-chat) inside the stand-in process at
 * `/connect-backend/*`, configured for the stand-in itself: StartChatContact and the Participant Service
 * on this very origin (`'self'`), any dummy credentials, any origin, and transcripts mailed to whatever
 * SMTP server the stand-in's settings name (the SMTP catcher in the demo and the e2e suite).
 */
import WebSocket from 'ws';
import { DEFAULT_CONTENT_TYPES } from '../../start-chat/config.ts';
import { createStartChatBackend, type StartChatBackend } from '../../start-chat/handler.ts';
import { startChatMiddleware } from '../../start-chat/node-server.ts';
import type { Settings } from '../settings.ts';
import type { ConnectStandin } from './connect-standin.ts';

export const CONNECT_BACKEND_PREFIX = '/connect-backend';

export function mountConnectBackend(connect: ConnectStandin, settings: Settings) {
  const backend: StartChatBackend = createStartChatBackend(
    {
      region: connect.config.region,
      instanceId: connect.config.instanceId,
      contactFlowId: connect.config.contactFlowId,
      connectEndpoint: 'self',
      participantEndpoint: 'self',
      credentials: { accessKeyId: 'standin', secretAccessKey: 'standin' },
      allowedOrigins: ['*'],
      allowedContentTypes: DEFAULT_CONTENT_TYPES,
      attachments: connect.store.instances.get(connect.config.instanceId)?.attachments ?? false,
      maxDisplayNameLength: 64,
      maxAttributes: 20,
      maxAttributeValueLength: 1024,
      transcript: {
        enabled: true,
        smtp: () => (settings.SMTP_Host ? { host: settings.SMTP_Host, port: settings.SMTP_Port, secure: false } : undefined),
        from: { name: settings.Site_Name, address: settings.From_Email },
        subject: 'Your chat transcript',
        keepMinutes: 24 * 60,
        perContactPerHour: 3,
        perAddressPerHour: 5,
      },
    },
    { WebSocket: WebSocket as unknown as new (url: string) => globalThis.WebSocket },
  );
  return { backend, middleware: startChatMiddleware(backend, CONNECT_BACKEND_PREFIX) };
}
