/**
 * The chat websocket of contract §2, kept up for as long as it is open: subscribe to `aws/chat`; a
 * heartbeat and a deep ping at once and every 10 s, a missed reply drops the socket and the URL with
 * it; reopening while a URL is fresh (85 s), a new CreateParticipantConnection when it is not; capped
 * backoff with jitter, forever; and before the transport's 59-minute limit a second socket is opened
 * and subscribed before the first is closed (make-before-break), so nothing is missed.
 */
import type { TranscriptItem } from '../../../shared/amazon-connect/wire.ts';
import type { ConnectionState } from '../chat-backend.ts';
import { isChatError } from '../errors.ts';

export interface SocketOptions {
  WebSocket?: typeof WebSocket;
  heartbeatMs?: number;
  /** How long a fresh URL may be opened (the API says 100 s; chatjs trusts 85). */
  urlTtlMs?: number;
  /** The transport's lifetime: refresh before it (chatjs: 3540 s). */
  lifetimeMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

export interface SocketHandlers {
  /** A new websocket URL (CreateParticipantConnection). */
  connect(): Promise<string>;
  item(item: TranscriptItem): void;
  state(state: ConnectionState, retryInMs?: number): void;
  /** Subscribed again (or still there after the tab was away): fill any gap from the transcript. */
  resync(): void;
  /** CreateParticipantConnection refused us (`room-closed`): the chat is over. */
  refused(): void;
}

interface Sock {
  ws: WebSocket;
  beat?: ReturnType<typeof setInterval>;
  sub?: ReturnType<typeof setTimeout>;
  waiting: number;
  tries: number;
  up: boolean;
  /** Said offline while subscribed: its next reply says online again. */
  doubted?: boolean;
}

export function chatSocket(h: SocketHandlers, o: SocketOptions = {}) {
  const WS = o.WebSocket ?? globalThis.WebSocket;
  const random = o.random ?? Math.random;
  const beatMs = o.heartbeatMs ?? 10_000;
  let url: string | undefined;
  let urlAt = 0;
  let primary: Sock | undefined;
  let closed = false;
  let attempt = 0;
  let online = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let life: ReturnType<typeof setTimeout> | undefined;

  const send = (s: Sock, topic: string, content?: object) => {
    try {
      s.ws.send(JSON.stringify(content ? { topic, content } : { topic }));
    } catch {
      // A socket closing under us: its close handler reconnects.
    }
  };

  const drop = (s: Sock) => {
    clearInterval(s.beat);
    clearTimeout(s.sub);
    s.ws.onopen = s.ws.onmessage = s.ws.onclose = s.ws.onerror = null;
    try {
      s.ws.close();
    } catch {
      // already closed
    }
  };

  function schedule(): void {
    if (closed) return;
    const delay = Math.round(Math.min(o.maxDelayMs ?? 30_000, (o.baseDelayMs ?? 1_000) * 2 ** attempt++) * (0.7 + 0.6 * random()));
    h.state(typeof navigator !== 'undefined' && navigator.onLine === false ? 'offline' : online ? 'reconnecting' : 'connecting', delay);
    clearTimeout(retry);
    retry = setTimeout(start, delay);
  }

  /** A URL we may still open, or a new one. */
  async function freshUrl(): Promise<string> {
    if (url && Date.now() - urlAt < (o.urlTtlMs ?? 85_000)) return url;
    url = undefined;
    const next = await h.connect();
    urlAt = Date.now();
    return (url = next);
  }

  function start(): void {
    if (closed || primary) return;
    clearTimeout(retry);
    freshUrl().then(
      (u) => {
        if (!closed && !primary) primary = open(u, false);
      },
      (e: unknown) => {
        if (isChatError(e) && e.kind === 'room-closed') {
          h.refused();
          close();
        } else schedule();
      },
    );
  }

  /** A socket that subscribes itself; `spare` is the make-before-break one, taking over once subscribed. */
  function open(u: string, spare: boolean): Sock {
    const s: Sock = { ws: new WS(u), waiting: 0, tries: 0, up: false };
    const lost = () => {
      drop(s);
      if (s !== primary) {
        // A spare that failed: the working socket stays; try the refresh again later.
        if (spare && !closed) life = setTimeout(refresh, 30_000);
        return;
      }
      primary = undefined;
      clearTimeout(life);
      // A socket that never subscribed may carry a URL the server no longer takes.
      if (!s.up) url = undefined;
      schedule();
    };
    const subscribe = () => {
      send(s, 'aws/subscribe', { topics: ['aws/chat'] });
      clearTimeout(s.sub);
      // No answer within a second: ask again, three times, then give the socket up.
      s.sub = setTimeout(() => (++s.tries > 3 ? lost() : subscribe()), 1_000);
    };
    const beat = () => {
      if (s.waiting) {
        // The last heartbeat went unanswered: this socket (and its URL) is dead.
        url = undefined;
        return lost();
      }
      s.waiting = 2;
      send(s, 'aws/heartbeat');
      send(s, 'aws/ping');
    };
    s.ws.onopen = () => {
      subscribe();
      beat();
      s.beat = setInterval(beat, beatMs);
    };
    s.ws.onclose = s.ws.onerror = lost;
    s.ws.onmessage = (e: MessageEvent) => {
      let f: { topic?: unknown; content?: unknown; statusCode?: unknown; message?: unknown };
      try {
        f = JSON.parse(String(e.data)) as typeof f;
      } catch {
        return;
      }
      // A deep ping answers for the service behind the socket: only its 200 counts.
      if (f.topic === 'aws/heartbeat' || (f.topic === 'aws/ping' && (f.statusCode ?? 200) === 200)) {
        s.waiting = Math.max(0, s.waiting - 1);
        if (s.doubted && s === primary) {
          s.doubted = false;
          h.state('online');
          h.resync();
        }
      }
      else if (f.topic === 'aws/subscribe' || (f.topic === undefined && f.message !== undefined && !s.up)) {
        clearTimeout(s.sub);
        if ((f.content as { status?: unknown } | undefined)?.status !== 'success') {
          // Refused: try again shortly, five times in a row at most.
          s.sub = setTimeout(() => (++s.tries > 5 ? lost() : subscribe()), 500);
          return;
        }
        s.up = true;
        s.tries = 0;
        if (spare) {
          const old = primary;
          primary = s;
          if (old) drop(old);
        }
        attempt = 0;
        online = true;
        clearTimeout(life);
        life = setTimeout(refresh, o.lifetimeMs ?? 3_540_000);
        h.state('online');
        h.resync();
      } else if (f.topic === 'aws/chat' && s === primary && typeof f.content === 'string') {
        try {
          h.item(JSON.parse(f.content) as TranscriptItem);
        } catch {
          // not an item
        }
      }
    };
    return s;
  }

  /** Before the transport's limit: a second socket on a new URL, subscribed before the first goes. */
  function refresh(): void {
    url = undefined;
    freshUrl().then(
      (u) => {
        if (!closed && primary) open(u, true);
      },
      () => {
        if (!closed) life = setTimeout(refresh, 30_000);
      },
    );
  }

  const onVisible = () => {
    if (document.visibilityState !== 'visible') return;
    if (primary?.up) h.resync();
    else reconnectNow();
  };
  const onOffline = () => h.state('offline');
  function reconnectNow(): void {
    attempt = 0;
    const s = primary;
    // A socket can live through a short loss of network, still subscribed, after the visitor was told
    // "offline": start() leaves it be, so ask it for a heartbeat, and its answer says online again (and
    // fills the gap). A socket that died meanwhile does not answer, and the next beat drops it.
    if (s?.up) {
      s.doubted = true;
      s.waiting++;
      send(s, 'aws/heartbeat');
      return;
    }
    start();
  }
  function close(): void {
    closed = true;
    clearTimeout(retry);
    clearTimeout(life);
    if (primary) drop(primary);
    primary = undefined;
    document.removeEventListener('visibilitychange', onVisible);
    window.removeEventListener('online', reconnectNow);
    window.removeEventListener('offline', onOffline);
  }
  document.addEventListener('visibilitychange', onVisible);
  window.addEventListener('online', reconnectNow);
  window.addEventListener('offline', onOffline);
  h.state('connecting');
  start();
  return { reconnectNow, close };
}
