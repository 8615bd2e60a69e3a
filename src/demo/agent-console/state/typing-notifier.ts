/**
 * Rocket.Chat's typing cadence for the agent (contract §9.3): send `user-typing` at most every 4.5 s
 * while keys are pressed, and stop 5 s after the last key, on send, or when the text is cleared.
 * The clock and timers are injected so the cadence is testable without waiting.
 */

export interface TypingTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const TYPING_RESEND_MS = 4_500;
export const TYPING_IDLE_MS = 5_000;

const realTimers: TypingTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Pure part: does a keystroke at `now` need a fresh `user-typing`? */
export function shouldAnnounce(lastSentAt: number | undefined, now: number, resendMs = TYPING_RESEND_MS): boolean {
  return lastSentAt === undefined || now - lastSentAt >= resendMs;
}

export class TypingNotifier {
  private lastSentAt: number | undefined;
  private idle: unknown;

  constructor(
    private readonly send: (typing: boolean) => void,
    private readonly timers: TypingTimers = realTimers,
    private readonly resendMs = TYPING_RESEND_MS,
    private readonly idleMs = TYPING_IDLE_MS,
  ) {}

  get typing(): boolean {
    return this.lastSentAt !== undefined;
  }

  /** Call on every edit of the composer; `text` is its new value. */
  input(text: string): void {
    if (!text.trim()) {
      this.stop();
      return;
    }
    const now = this.timers.now();
    if (shouldAnnounce(this.lastSentAt, now, this.resendMs)) {
      this.lastSentAt = now;
      this.send(true);
    }
    if (this.idle !== undefined) this.timers.clearTimeout(this.idle);
    this.idle = this.timers.setTimeout(() => this.stop(), this.idleMs);
  }

  /** Stop typing now (message sent, room left); does nothing if not typing. */
  stop(): void {
    if (this.idle !== undefined) this.timers.clearTimeout(this.idle);
    this.idle = undefined;
    if (this.lastSentAt === undefined) return;
    this.lastSentAt = undefined;
    this.send(false);
  }
}
