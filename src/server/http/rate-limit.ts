/** Fixed-window counters keyed by client IP + route, as Rocket.Chat's API rate limiter does (contract §0.4). */

export interface RateLimit {
  calls: number;
  windowMs: number;
}

interface Window {
  count: number;
  resetAt: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  hit(key: string, limit: RateLimit, now = Date.now()): { allowed: boolean; remaining: number; resetAt: number } {
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + limit.windowMs };
      this.windows.set(key, w);
      if (this.windows.size > 10_000) this.sweep(now);
    }
    w.count++;
    return { allowed: w.count <= limit.calls, remaining: Math.max(0, limit.calls - w.count), resetAt: w.resetAt };
  }

  reset(): void {
    this.windows.clear();
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}
