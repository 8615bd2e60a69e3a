/**
 * `npm run start-chat -- [--port 8788] [--host 127.0.0.1]`: the reference backend as a plain Node server.
 * Configure it with environment variables (README: "Deploying the start-chat backend").
 */
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { configFromEnv } from './config.ts';
import { createStartChatBackend } from './handler.ts';
import { createStartChatServer } from './node-server.ts';

const { values } = parseArgs({ options: { port: { type: 'string', default: process.env.PORT ?? '8788' }, host: { type: 'string', default: '127.0.0.1' } } });
const config = configFromEnv();
const backend = createStartChatBackend(config, { WebSocket: WebSocket as unknown as new (url: string) => globalThis.WebSocket });
const server = createStartChatServer(backend);
server.listen(Number(values.port), values.host, () => {
  console.log(`[start-chat] POST http://${values.host}:${values.port}/start-chat (instance ${config.instanceId}, flow ${config.contactFlowId}, region ${config.region})`);
  console.log(`[start-chat] transcript email: ${config.transcript.enabled ? 'on' : 'off (set TRANSCRIPT_EMAIL=true and SMTP_HOST)'}; allowed origins: ${config.allowedOrigins.join(', ') || 'none'}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    backend.close();
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
