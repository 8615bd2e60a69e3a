/**
 * The chat websocket of contract §2 as a small client: open the URL CreateParticipantConnection gave,
 * subscribe to `aws/chat`, and hand every chat item (parsed from the frame's JSON `content`) to the
 * listeners. Works with the browser's WebSocket and with the `ws` package (pass its constructor).
 */
import { WS_TOPIC, type TranscriptItem } from './wire.ts';

type WebSocketCtor = new (url: string) => WebSocket;

export class ChatSocket {
  private readonly itemListeners = new Set<(item: TranscriptItem) => void>();
  private readonly closeListeners = new Set<(code: number) => void>();
  private readonly waiters: { topic: string; resolve: (f: Record<string, unknown>) => void }[] = [];
  closed: number | undefined;

  private constructor(private readonly ws: WebSocket) {
    ws.addEventListener('message', (e: MessageEvent) => this.onFrame(String(e.data)));
    ws.addEventListener('close', (e: CloseEvent) => {
      this.closed = e.code;
      for (const l of this.closeListeners) l(e.code);
    });
  }

  /** Opens and subscribes; rejects when the socket cannot open or the subscription fails. */
  static async open(url: string, Impl: WebSocketCtor = globalThis.WebSocket): Promise<ChatSocket> {
    const ws = new Impl(url);
    const socket = new ChatSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.addEventListener('open', () => resolve(), { once: true });
      ws.addEventListener('error', () => reject(new Error(`websocket failed to open: ${url.split('?')[0]}`)), { once: true });
    });
    const reply = socket.next(WS_TOPIC.subscribe);
    ws.send(JSON.stringify({ topic: WS_TOPIC.subscribe, content: { topics: [WS_TOPIC.chat] } }));
    const status = ((await reply).content as { status?: string } | undefined)?.status;
    if (status !== 'success') throw new Error(`subscription failed: ${String(status)}`);
    return socket;
  }

  onItem(listener: (item: TranscriptItem) => void): () => void {
    this.itemListeners.add(listener);
    return () => this.itemListeners.delete(listener);
  }

  onClose(listener: (code: number) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Sends `aws/heartbeat` and resolves on its answer. */
  async heartbeat(): Promise<void> {
    const reply = this.next(WS_TOPIC.heartbeat);
    this.ws.send(JSON.stringify({ topic: WS_TOPIC.heartbeat }));
    await reply;
  }

  close(): void {
    this.ws.close(1000);
  }

  private next(topic: string): Promise<Record<string, unknown>> {
    return new Promise((resolve) => this.waiters.push({ topic, resolve }));
  }

  private onFrame(text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (!frame || typeof frame !== 'object') return;
    const f = frame as Record<string, unknown>;
    const i = this.waiters.findIndex((w) => w.topic === f.topic);
    if (i >= 0) {
      this.waiters.splice(i, 1)[0]!.resolve(f);
      return;
    }
    if (f.topic !== WS_TOPIC.chat || typeof f.content !== 'string') return;
    let item: unknown;
    try {
      item = JSON.parse(f.content);
    } catch {
      return;
    }
    if (item && typeof item === 'object') for (const l of this.itemListeners) l(item as TranscriptItem);
  }
}
