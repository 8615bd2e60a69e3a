/**
 * A scripted WebSocket for DDP tests: each instance is recorded; the test opens, answers, drops or
 * refuses connections, and reads the frames the client sent.
 */
export class FakeSocket {
  static instances: FakeSocket[] = [];
  static reset(): void {
    FakeSocket.instances = [];
  }
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.();
  }
  /** Server side: accept the socket and answer the DDP handshake. */
  accept(): void {
    this.readyState = 1;
    this.onopen?.();
    this.receive({ msg: 'connected', session: 's1' });
  }
  receive(frame: object): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  /** Server side: the network drops the connection. */
  drop(): void {
    this.close();
  }
  frames(msg: string): Record<string, unknown>[] {
    return this.sent.filter((f) => f.msg === msg);
  }
}

export const FakeWebSocket = FakeSocket as unknown as typeof WebSocket;
export const latest = () => FakeSocket.instances[FakeSocket.instances.length - 1]!;
