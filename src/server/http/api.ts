/**
 * A small router with Rocket.Chat's API wrapper semantics: `/api/v1/<route>`, success bodies with
 * `success: true` merged in, thrown errors turned into Rocket.Chat's failure bodies, 401 for routes that
 * need a login, per-IP rate limits, `Cache-Control: no-store`.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { FORBIDDEN_BODY, HttpFailure, NOT_FOUND_BODY, UNAUTHORIZED_BODY, failureBody } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { User } from '../store/types.ts';
import { BodyError, readJsonBody } from './body.ts';
import { RateLimiter, type RateLimit } from './rate-limit.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ApiRequest {
  method: Method;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  headers: IncomingHttpHeaders;
  ip: string;
  /** Set on `authRequired` routes. */
  user: User | undefined;
  /** Rocket.Chat marks rooms opened with cookies `rc_room_type=l` and `rc_is_widget=t` as widget rooms. */
  isWidget: boolean;
  /** The request itself, for `rawBody` routes that read their own body (multipart uploads). */
  raw: IncomingMessage;
}

export interface RouteOptions {
  authRequired?: boolean;
  /** A role the user must have (`admin`, `livechat-agent`). */
  role?: string;
  /** Rocket.Chat's own limit for the route; others get the default limit. */
  rateLimit?: RateLimit;
  /** The handler reads the body from `raw` (multipart); the JSON body limit does not apply. */
  rawBody?: boolean;
}

export type Handler = (req: ApiRequest) => object | Promise<object>;

interface Route {
  method: Method;
  pattern: RegExp;
  keys: string[];
  options: RouteOptions;
  handler: Handler;
  name: string;
}

export interface ApiOptions {
  bodyLimitBytes: number;
}

export class Api {
  private readonly routes: Route[] = [];
  readonly rateLimiter = new RateLimiter();

  constructor(
    private readonly store: Store,
    private readonly options: ApiOptions,
  ) {}

  get(path: string, options: RouteOptions, handler: Handler): void {
    this.add('GET', path, options, handler);
  }
  post(path: string, options: RouteOptions, handler: Handler): void {
    this.add('POST', path, options, handler);
  }
  put(path: string, options: RouteOptions, handler: Handler): void {
    this.add('PUT', path, options, handler);
  }
  delete(path: string, options: RouteOptions, handler: Handler): void {
    this.add('DELETE', path, options, handler);
  }

  private add(method: Method, path: string, options: RouteOptions, handler: Handler): void {
    const keys: string[] = [];
    const source = path
      .split('/')
      .map((seg) => {
        if (seg.startsWith(':')) {
          keys.push(seg.slice(1));
          return '([^/]+)';
        }
        return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), keys, options, handler, name: path });
  }

  /** Handles `/api/v1/*`; `routePath` is what follows `/api/v1/`. */
  async handle(req: IncomingMessage, res: ServerResponse, routePath: string, search: string): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    let matchedPath = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(routePath);
      if (!m) continue;
      matchedPath = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((k, i) => (params[k] = safeDecode(m[i + 1] ?? '')));
      await this.run(route, req, res, params, search);
      return;
    }
    send(res, matchedPath ? 405 : 404, NOT_FOUND_BODY);
  }

  private async run(
    route: Route,
    req: IncomingMessage,
    res: ServerResponse,
    params: Record<string, string>,
    search: string,
  ): Promise<void> {
    const ip = clientIp(req);
    try {
      // Rocket.Chat's order: login (401), then the rate limiter (429), then permissions (403).
      const user = route.options.authRequired ? this.authenticate(req) : undefined;
      const limited = this.applyRateLimit(route, ip, res, user);
      if (limited) return;
      if (user) this.authorize(user, route.options.role);
      const body = route.method === 'GET' || route.options.rawBody ? {} : await readJsonBody(req, this.options.bodyLimitBytes);
      const request: ApiRequest = {
        method: route.method,
        params,
        query: parseQuery(search),
        body,
        headers: req.headers,
        ip,
        user,
        isWidget: isWidgetRequest(req.headers.cookie),
        raw: req,
      };
      const result = await route.handler(request);
      send(res, 200, { ...result, success: true });
    } catch (e) {
      if (e instanceof HttpFailure) return send(res, e.status, e.body, e.headers);
      if (e instanceof BodyError) return send(res, e.status, { success: false, error: e.message });
      send(res, 400, failureBody(e));
    } finally {
      // A raw-body route may answer before reading what the client sent (a 403, say): drain it.
      if (route.options.rawBody && !req.complete) req.resume();
    }
  }

  private applyRateLimit(route: Route, ip: string, res: ServerResponse, user: User | undefined): boolean {
    const s = this.store.settings;
    if (!s.API_Enable_Rate_Limiter) return false;
    // `api-bypass-rate-limit` belongs to the admin role by default; visitors never have it.
    if (user?.roles.includes('admin')) return false;
    const limit = route.options.rateLimit ?? {
      calls: s.API_Enable_Rate_Limiter_Limit_Calls_Default,
      windowMs: s.API_Enable_Rate_Limiter_Limit_Time_Default,
    };
    const verdict = this.rateLimiter.hit(`${ip} ${route.method} ${route.name}`, limit);
    res.setHeader('X-RateLimit-Limit', String(limit.calls));
    res.setHeader('X-RateLimit-Remaining', String(verdict.remaining));
    res.setHeader('X-RateLimit-Reset', String(verdict.resetAt));
    if (verdict.allowed) return false;
    const seconds = Math.ceil((verdict.resetAt - Date.now()) / 1000);
    send(res, 429, {
      success: false,
      error: `Error, too many requests. Please slow down. You must wait ${seconds} seconds before trying this endpoint again. [error-too-many-requests]`,
    });
    return true;
  }

  private authenticate(req: IncomingMessage): User {
    const userId = header(req.headers, 'x-user-id');
    const token = header(req.headers, 'x-auth-token');
    const user = userId && token ? this.store.userByToken(userId, token) : undefined;
    if (!user) throw new HttpFailure(401, UNAUTHORIZED_BODY);
    return user;
  }

  private authorize(user: User, role: string | undefined): void {
    if (role && !user.roles.includes(role) && !user.roles.includes('admin')) throw new HttpFailure(403, FORBIDDEN_BODY);
  }
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    ...headers,
  });
  res.end(text);
}

function header(h: IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `a=1&b[]=x&b[]=y` → `{ a: '1', b: ['x', 'y'] }`, as Rocket.Chat's query parser gives it. */
export function parseQuery(search: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, value] of new URLSearchParams(search)) {
    const isArray = rawKey.endsWith('[]');
    const key = isArray ? rawKey.slice(0, -2) : rawKey;
    const prev = out[key];
    if (isArray || prev !== undefined) {
      out[key] = prev === undefined ? [value] : Array.isArray(prev) ? [...prev, value] : [prev, value];
    } else {
      out[key] = value;
    }
  }
  return out;
}

function clientIp(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

function isWidgetRequest(cookie: string | undefined): boolean {
  if (!cookie) return false;
  const jar = new Map(cookie.split(';').map((c) => c.trim().split('=') as [string, string]));
  return jar.get('rc_room_type') === 'l' && jar.get('rc_is_widget') === 't';
}
