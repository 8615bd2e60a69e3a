/**
 * The agent's side of Rocket.Chat (contract §10), as the e2e suite and the demo agent console use it:
 * REST with `X-User-Id`/`X-Auth-Token`, and DDP (login by resume token) for live messages and typing.
 * Works in browsers and in Node (pass `ws` as the WebSocket), against the stand-in or a real server.
 */
import type { AgentEndpoints } from './endpoints.ts';
import { DdpClient, type DdpState } from './ddp-client.ts';
import { STREAM_NOTIFY_ROOM, STREAM_ROOM_MESSAGES } from './ddp.ts';
import type { ErrorBody, WireMessage, WireRoom } from './wire.ts';

export class AgentApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | undefined,
  ) {
    super(`HTTP ${status}: ${body?.error ?? body?.message ?? 'request failed'}`);
    this.name = 'AgentApiError';
  }
}

export interface AgentClientOptions {
  fetch?: typeof fetch;
  WebSocket?: typeof WebSocket;
}

export interface RoomWatchHandlers {
  onMessage?: (m: WireMessage<Date>) => void;
  onTyping?: (username: string, typing: boolean) => void;
}

export class AgentClient {
  userId = '';
  authToken = '';
  username = '';
  name = '';
  private ddp: DdpClient | undefined;
  private readonly fetchImpl: typeof fetch;

  constructor(
    readonly serverUrl: string,
    private readonly options: AgentClientOptions = {},
  ) {
    this.serverUrl = serverUrl.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  async request<T>(method: string, route: string, body?: unknown, query?: Record<string, string>): Promise<T> {
    const url = new URL(`${this.serverUrl}/api/v1/${route}`);
    for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
    const res = await this.fetchImpl(url, {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(this.authToken ? { 'X-User-Id': this.userId, 'X-Auth-Token': this.authToken } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json().catch(() => undefined)) as (T & { success?: boolean }) | undefined;
    if (!res.ok || json?.success === false) throw new AgentApiError(res.status, json as ErrorBody | undefined);
    return json as T;
  }

  async login(user: string, password: string): Promise<void> {
    const r = await this.request<AgentEndpoints['POST login']['response']>('POST', 'login', { user, password });
    this.userId = r.data.userId;
    this.authToken = r.data.authToken;
    const me = r.data.me as { username?: string; name?: string };
    this.username = me.username ?? user;
    this.name = me.name ?? this.username;
  }

  async logout(): Promise<void> {
    this.ddp?.close();
    this.ddp = undefined;
    await this.request('POST', 'logout', {}).catch(() => undefined);
    this.authToken = '';
  }

  /** Online and available for chats (users.setStatus + livechat/agent.status). */
  async goAvailable(available = true): Promise<void> {
    await this.request('POST', 'users.setStatus', { status: available ? 'online' : 'away', message: '' });
    await this.request('POST', 'livechat/agent.status', { status: available ? 'available' : 'not-available' });
  }

  async setSetting(id: string, value: unknown): Promise<void> {
    await this.request('POST', `settings/${encodeURIComponent(id)}`, { value });
  }

  async rooms(open = true): Promise<WireRoom[]> {
    const r = await this.request<{ rooms: WireRoom[] }>('GET', 'livechat/rooms', undefined, { open: String(open), count: '100' });
    return r.rooms;
  }

  /** A room's messages, newest first, read through the visitor-facing history route with the room's token. */
  async history(room: Pick<WireRoom, '_id' | 'v'>, limit = 100, end?: string): Promise<WireMessage[]> {
    const query: Record<string, string> = { token: room.v.token, limit: String(limit) };
    if (end) query.end = end;
    const r = await this.request<{ messages: WireMessage[] }>('GET', `livechat/messages.history/${room._id}`, undefined, query);
    return r.messages;
  }

  /** Take a queued chat (Manual_Selection, or nobody was available when it arrived). */
  async take(rid: string): Promise<void> {
    const r = await this.request<{ inquiry: { _id: string } | null }>('GET', 'livechat/inquiries.getOne', undefined, { roomId: rid });
    if (r.inquiry) await this.request('POST', 'livechat/inquiries.take', { inquiryId: r.inquiry._id });
  }

  async send(rid: string, msg: string, id?: string): Promise<WireMessage> {
    const r = await this.request<{ message: WireMessage }>('POST', 'chat.sendMessage', { message: { rid, msg, ...(id ? { _id: id } : {}) } });
    return r.message;
  }

  /** `chat.delete`: the visitor's widget hears `<rid>/deleteMessage`. */
  async deleteMessage(rid: string, msgId: string): Promise<void> {
    await this.request('POST', 'chat.delete', { roomId: rid, msgId });
  }

  /** `POST livechat/triggers` (needs `view-livechat-manager`); `_id` updates an existing trigger. */
  async saveTrigger(trigger: AgentEndpoints['POST livechat/triggers']['body']): Promise<void> {
    await this.request('POST', 'livechat/triggers', trigger);
  }

  async triggers(): Promise<AgentEndpoints['GET livechat/triggers']['response']['triggers']> {
    const r = await this.request<AgentEndpoints['GET livechat/triggers']['response']>('GET', 'livechat/triggers', undefined, { count: '100' });
    return r.triggers;
  }

  async removeTrigger(id: string): Promise<void> {
    await this.request('DELETE', `livechat/triggers/${encodeURIComponent(id)}`);
  }

  async close(rid: string, comment = 'Closed by agent'): Promise<void> {
    await this.request('POST', 'livechat/room.closeByUser', { rid, comment });
  }

  // ---- realtime ------------------------------------------------------------------------------------

  /** Open the DDP connection and log in with the REST token; resolves when logged in. */
  async connect(): Promise<void> {
    if (this.ddp) return;
    const url = `${this.serverUrl.replace(/^http/, 'ws')}/websocket`;
    const ddp = new DdpClient({ url, ...(this.options.WebSocket ? { WebSocket: this.options.WebSocket } : {}), baseDelayMs: 200, maxDelayMs: 2_000 });
    this.ddp = ddp;
    const logIn = () => ddp.call('login', [{ resume: this.authToken }]);
    await new Promise<void>((resolve, reject) => {
      ddp.onState((state: DdpState) => {
        // Log in again after every reconnect, before the client re-sends its subscriptions matter.
        if (state === 'connected') logIn().then(() => resolve(), reject);
      });
      ddp.open();
    });
  }

  watchRoom(rid: string, handlers: RoomWatchHandlers): () => void {
    const ddp = this.requireDdp();
    const args = { useCollection: false, args: [] };
    const subs = [
      ddp.subscribe(STREAM_ROOM_MESSAGES, [rid, args], (_e, a) => handlers.onMessage?.(a[0] as WireMessage<Date>)),
      ddp.subscribe(STREAM_NOTIFY_ROOM, [`${rid}/user-activity`, args], (_e, a) => {
        const [username, activity] = a as [string, string[]];
        handlers.onTyping?.(username, Array.isArray(activity) && activity.includes('user-typing'));
      }),
    ];
    return () => subs.forEach((s) => s.stop());
  }

  async typing(rid: string, isTyping: boolean): Promise<void> {
    await this.requireDdp().call('stream-notify-room', [`${rid}/user-activity`, this.username, isTyping ? ['user-typing'] : [], {}]);
  }

  disconnect(): void {
    this.ddp?.close();
    this.ddp = undefined;
  }

  private requireDdp(): DdpClient {
    if (!this.ddp) throw new Error('call connect() first');
    return this.ddp;
  }
}
