/**
 * Keeps the transcript of every chat this backend started, so "Email me the transcript" still works after
 * the chat ended (a ConnectionToken dies with the chat, chatjs#294). At start-chat the backend makes its own
 * connection for the customer participant with the ParticipantToken (a participant may hold several: Amazon
 * Connect allows 5 open websockets per participant), listens on the websocket and backfills with
 * GetTranscript after every (re)connect. `chat.ended` arrives over the same socket after every message, so
 * once it is seen the kept transcript is complete.
 */
import { ChatSocket } from '../../shared/amazon-connect/chat-socket.ts';
import { ParticipantClient, ParticipantError } from '../../shared/amazon-connect/participant-client.ts';
import { EVENT_TYPE, type TranscriptItem } from '../../shared/amazon-connect/wire.ts';

export interface KeptChat {
  contactId: string;
  participantToken: string;
  displayName: string;
  startedAt: number;
  endedAt?: number;
  ended: boolean;
  /** Messages, attachments and events in transcript order. */
  items: TranscriptItem[];
}

interface Live extends KeptChat {
  client: ParticipantClient;
  ids: Set<string>;
  connectionToken?: string;
  socket?: ChatSocket;
  heartbeat?: NodeJS.Timeout;
  endWaiters: (() => void)[];
  attempts: number;
}

export interface KeeperOptions {
  WebSocket?: new (url: string) => WebSocket;
  keepMinutes: number;
  maxChats?: number;
}

export class TranscriptKeeper {
  private readonly chats = new Map<string, Live>();
  private readonly sweep: NodeJS.Timeout;

  constructor(private readonly options: KeeperOptions) {
    this.sweep = setInterval(() => this.forgetOld(), 60_000);
    this.sweep.unref();
  }

  /** Resolves once the first connection is up (or has failed), so nothing said after start-chat is missed. */
  track(chat: { contactId: string; participantToken: string; displayName: string; participantEndpoint: string }): Promise<void> {
    if (this.chats.size >= (this.options.maxChats ?? 10_000)) this.forgetOld(true);
    const live: Live = {
      contactId: chat.contactId,
      participantToken: chat.participantToken,
      displayName: chat.displayName,
      startedAt: Date.now(),
      ended: false,
      items: [],
      client: new ParticipantClient({ endpoint: chat.participantEndpoint }),
      ids: new Set(),
      endWaiters: [],
      attempts: 0,
    };
    this.chats.set(chat.contactId, live);
    return this.connect(live);
  }

  get(contactId: string): KeptChat | undefined {
    return this.chats.get(contactId);
  }

  /**
   * The complete transcript: for an ended chat what was kept; for a live one a fresh GetTranscript. A chat
   * that just ended (403) gets up to `waitMs` for its `chat.ended` to arrive on the socket.
   */
  async settle(contactId: string, waitMs = 3000): Promise<KeptChat | undefined> {
    const live = this.chats.get(contactId);
    if (!live || live.ended) return live;
    if (live.connectionToken) {
      try {
        this.merge(live, await live.client.fullTranscript(live.connectionToken));
        return live;
      } catch (e) {
        if (!(e instanceof ParticipantError && e.status === 403)) throw e;
      }
    }
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, waitMs);
      live.endWaiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
    return live;
  }

  close(): void {
    clearInterval(this.sweep);
    for (const c of this.chats.values()) this.stop(c);
  }

  private async connect(live: Live): Promise<void> {
    if (live.ended) return;
    live.attempts++;
    try {
      const conn = await live.client.createConnection(live.participantToken, ['WEBSOCKET', 'CONNECTION_CREDENTIALS']);
      live.connectionToken = conn.ConnectionCredentials?.ConnectionToken;
      const url = conn.Websocket?.Url;
      if (!url || !live.connectionToken) throw new Error('no websocket');
      const socket = await ChatSocket.open(url, this.options.WebSocket);
      live.socket = socket;
      live.attempts = 0;
      socket.onItem((item) => this.onItem(live, item));
      socket.onClose(() => {
        if (live.heartbeat) clearInterval(live.heartbeat);
        if (!live.ended) this.retry(live);
      });
      // API Gateway closes a websocket after 10 silent minutes.
      live.heartbeat = setInterval(() => void socket.heartbeat().catch(() => undefined), 60_000);
      live.heartbeat.unref();
      this.merge(live, await live.client.fullTranscript(live.connectionToken));
    } catch (e) {
      if (e instanceof ParticipantError && e.status === 403) return this.markEnded(live);
      this.retry(live);
    }
  }

  private retry(live: Live): void {
    if (live.ended || live.attempts > 8) return;
    const t = setTimeout(() => void this.connect(live), Math.min(30_000, 500 * 2 ** live.attempts));
    t.unref();
  }

  private onItem(live: Live, item: TranscriptItem): void {
    if (item.Type === 'MESSAGEMETADATA' || item.ContentType === EVENT_TYPE.typing) return;
    if (item.Id && !live.ids.has(item.Id)) {
      live.ids.add(item.Id);
      live.items.push(item);
    }
    if (item.ContentType === EVENT_TYPE.chatEnded) this.markEnded(live);
  }

  /** A backfill is the authority on order; what the socket brought since is newer and follows it. */
  private merge(live: Live, transcript: TranscriptItem[]): void {
    const known = new Set(transcript.map((i) => i.Id));
    const newer = live.items.filter((i) => !known.has(i.Id));
    live.items = [...transcript.filter((i) => i.ContentType !== EVENT_TYPE.typing), ...newer];
    live.ids = new Set(live.items.map((i) => i.Id!));
    if (transcript.some((i) => i.ContentType === EVENT_TYPE.chatEnded)) this.markEnded(live);
  }

  private markEnded(live: Live): void {
    if (live.ended) return;
    live.ended = true;
    live.endedAt = Date.now();
    this.stop(live);
    for (const w of live.endWaiters.splice(0)) w();
  }

  private stop(live: Live): void {
    if (live.heartbeat) clearInterval(live.heartbeat);
    live.socket?.close();
  }

  private forgetOld(force = false): void {
    const cutoff = Date.now() - this.options.keepMinutes * 60_000;
    for (const [id, c] of this.chats) {
      if ((c.ended && (c.endedAt ?? 0) < cutoff) || (force && c.ended)) this.chats.delete(id);
    }
  }
}
