/**
 * AWS Lambda entry (API Gateway proxy integration, REST `v1` or HTTP API `2.0` events). Configure with
 * environment variables (config.ts); the function's role needs `connect:StartChatContact`. The transcript
 * route needs a long-lived process and is off here: run node-server.ts for it.
 */
import { configFromEnv } from './config.ts';
import { createStartChatBackend, type StartChatBackend } from './handler.ts';

export interface ApiGatewayEvent {
  httpMethod?: string;
  path?: string;
  rawPath?: string;
  resource?: string;
  requestContext?: { http?: { method?: string; path?: string }; stage?: string };
  headers?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
}

export interface ApiGatewayResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

let backend: StartChatBackend | undefined;

export async function handler(event: ApiGatewayEvent): Promise<ApiGatewayResult> {
  if (!backend) {
    const config = configFromEnv(process.env);
    backend = createStartChatBackend({ ...config, transcript: { ...config.transcript, enabled: false } });
  }
  return handleEvent(backend, event);
}

export async function handleEvent(b: StartChatBackend, event: ApiGatewayEvent): Promise<ApiGatewayResult> {
  const method = event.requestContext?.http?.method ?? event.httpMethod ?? 'GET';
  const fullPath = event.rawPath ?? event.path ?? '/';
  // The samples deploy the function on the API's root; a `/start-chat` resource works as well.
  const path = /\/transcript-email\/?$/.test(fullPath) ? '/transcript-email' : '/start-chat';
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) headers[k.toLowerCase()] = v;
  const body = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  const res = await b.handle({ method, path, headers, body });
  return { statusCode: res.status, headers: res.headers, body: res.body };
}
