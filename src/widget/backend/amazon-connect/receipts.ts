/**
 * Our read and delivered receipts for the other side's messages, ordered and throttled as chatjs does:
 * each message is receipted once per kind and never "delivered" once read; a delivered waits 300 ms so
 * a read that follows at once replaces it; and at most one of each goes out per throttle window (5 s),
 * for the newest message, when the window ends.
 */
export type ReceiptKind = 'read' | 'delivered';

export interface ReceiptOptions {
  throttleMs?: number;
  deliveredDelayMs?: number;
}

export type ReceiptSender = ReturnType<typeof receiptSender>;

export function receiptSender(send: (kind: ReceiptKind, messageId: string) => void, o: ReceiptOptions = {}) {
  const read = new Set<string>();
  const delivered = new Set<string>();
  let next: Partial<Record<ReceiptKind, string>> = {};
  let window: ReturnType<typeof setTimeout> | undefined;
  const delays = new Set<ReturnType<typeof setTimeout>>();

  const flush = () => {
    window = undefined;
    const { read: r, delivered: d } = next;
    next = {};
    if (d && !read.has(d)) send('delivered', d);
    if (r) send('read', r);
  };
  const queue = (kind: ReceiptKind, id: string) => {
    next[kind] = id;
    window ??= setTimeout(flush, o.throttleMs ?? 5_000);
  };

  return {
    /** What the transcript says we already sent (after a reload): not again. */
    known(id: string, kind: ReceiptKind) {
      delivered.add(id);
      if (kind === 'read') read.add(id);
    },
    delivered(id: string) {
      if (delivered.has(id)) return;
      delivered.add(id);
      const t = setTimeout(() => {
        delays.delete(t);
        if (!read.has(id)) queue('delivered', id);
      }, o.deliveredDelayMs ?? 300);
      delays.add(t);
    },
    read(id: string) {
      if (read.has(id)) return;
      read.add(id);
      delivered.add(id);
      queue('read', id);
    },
    stop() {
      clearTimeout(window);
      for (const t of delays) clearTimeout(t);
    },
  };
}
