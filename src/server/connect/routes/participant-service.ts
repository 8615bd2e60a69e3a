/**
 * `/participant/*`: route matching, CORS, bearer checks, throttling, body reading and error answers around
 * the operations, in the order the real front door applies them (API Gateway, its authorizer, then the
 * service). An unknown path or method is API Gateway's `403 Missing Authentication Token`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BEARER_HEADER } from '../../../shared/amazon-connect/wire.ts';
import { AwsError, accessDenied, internalError, throttled } from '../errors/aws-error.ts';
import { answerPreflight } from '../http/cors.ts';
import { readAwsJson } from '../http/read-body.ts';
import { sendAws, sendAwsError } from '../http/respond.ts';
import { Throttle, type ThrottleOptions } from '../http/throttle.ts';
import type { ConnectStore, Located } from '../store/connect-store.ts';
import { requireActive, type OpContext, type Operation } from './operation.ts';
import { DESCRIBE_VIEW, OPERATIONS, VIEWS_PREFIX } from './participant-ops.ts';

export interface ParticipantServiceOptions {
  throttle?: ThrottleOptions | false;
  bodyLimitBytes?: number;
  /** Base of websocket URLs; default `ws://127.0.0.1:<the port the request came in on>`. */
  wsOrigin?: string;
}

export const missingAuthToken = (): AwsError => new AwsError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
/** API Gateway's authorizer refusing a token it does not know (chatjs#114: a token of another region). */
const explicitDeny = (): AwsError =>
  new AwsError(403, 'AccessDeniedException', 'User is not authorized to access this resource with an explicit deny', {}, 'Message');
const unauthorized = (): AwsError => new AwsError(401, 'UnauthorizedException', 'Unauthorized');

export class ParticipantService {
  readonly throttle: Throttle;
  readonly downloads: OpContext['downloads'] = new Map();

  constructor(
    private readonly store: ConnectStore,
    private readonly options: ParticipantServiceOptions = {},
  ) {
    this.throttle = new Throttle(options.throttle ?? false);
  }

  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const requestId = randomUUID();
    const method = (req.method ?? 'GET').toUpperCase();
    const view = path.startsWith(VIEWS_PREFIX) && path.length > VIEWS_PREFIX.length && !path.slice(VIEWS_PREFIX.length).includes('/');
    const op: Operation | undefined = view ? DESCRIBE_VIEW : OPERATIONS.get(path);
    try {
      if (!op) throw missingAuthToken();
      if (method === 'OPTIONS') return answerPreflight(req, res, op.method);
      if (method !== op.method) throw missingAuthToken();
      const bearer = headerValue(req, BEARER_HEADER);
      if (!bearer) throw unauthorized();
      if (!this.throttle.take(`${bearer} ${op.name}`)) throw throttled();
      const located = this.locate(op, bearer);
      const body = op.method === 'GET' ? {} : await readAwsJson(req, this.options.bodyLimitBytes);
      requireActive(located);
      const ctx: OpContext = {
        store: this.store,
        located,
        body,
        ...(view ? { viewToken: safeDecode(path.slice(VIEWS_PREFIX.length)) } : {}),
        httpOrigin: `http://${req.headers.host ?? `127.0.0.1:${req.socket.localPort}`}`,
        wsOrigin: this.options.wsOrigin ?? `ws://127.0.0.1:${req.socket.localPort}`,
        downloads: this.downloads,
      };
      sendAws(res, 200, op.run(ctx), requestId);
    } catch (e) {
      if (!(e instanceof AwsError)) console.error('[connect-standin] participant operation failed', e);
      req.resume();
      sendAwsError(res, e instanceof AwsError ? e : internalError(), requestId);
    }
  }

  private locate(op: Operation, bearer: string): Located {
    if (op.bearer === 'participant') {
      const located = this.store.byParticipantToken(bearer);
      if (located) return located;
      throw this.store.connection(bearer) ? accessDenied() : explicitDeny();
    }
    const found = this.store.connection(bearer);
    if (!found) throw this.store.isParticipantToken(bearer) ? accessDenied() : explicitDeny();
    if (found.connection.expiresAt <= Date.now()) throw accessDenied();
    return found;
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
