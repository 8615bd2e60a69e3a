/**
 * Per-caller token buckets, one per bearer token and operation, as the Participant Service throttles
 * each participant's calls (429 ThrottlingException, which the SDK retries). Off in the demo and test
 * profiles; AWS does not publish the participant-level rates, so the defaults are a guess.
 */
export interface ThrottleOptions {
  /** Sustained calls per second. */
  ratePerSecond: number;
  /** Calls allowed at once. */
  burst: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = { ratePerSecond: 5, burst: 10 };

export class Throttle {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly options: ThrottleOptions | false) {}

  /** True when the call may go ahead. */
  take(key: string, now = Date.now()): boolean {
    if (!this.options) return true;
    const { ratePerSecond, burst } = this.options;
    const b = this.buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * ratePerSecond);
    b.at = now;
    this.buckets.set(key, b);
    if (this.buckets.size > 50_000) this.buckets.clear();
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  reset(): void {
    this.buckets.clear();
  }
}
