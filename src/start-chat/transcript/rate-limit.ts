/** Sliding one-hour windows for transcript mails, per contact and per address (case-insensitive). */
export class HourlyLimit {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly perHour: number) {}

  /** Seconds to wait, or 0 when a send is allowed now (and is then counted). */
  take(key: string, now = Date.now()): number {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < 3_600_000);
    if (recent.length >= this.perHour) return Math.ceil((recent[0]! + 3_600_000 - now) / 1000);
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 100_000) this.hits.clear();
    return 0;
  }

  /** Gives back a counted send that did not happen (the mail failed). */
  undo(key: string): void {
    this.hits.get(key)?.pop();
  }
}
