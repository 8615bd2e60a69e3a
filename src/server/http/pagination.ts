/**
 * Page sizes as Rocket.Chat's `getPaginationItems` bounds them: `API_Upper_Count_Limit` (100) is the most
 * any request gets, `API_Default_Count` (50) what a request that names no size gets.
 */
import type { Settings } from '../settings.ts';

type PageSettings = Pick<Settings, 'API_Upper_Count_Limit' | 'API_Default_Count'>;

function upper(s: PageSettings): number {
  return s.API_Upper_Count_Limit > 0 ? s.API_Upper_Count_Limit : 100;
}

/** `count` for paginated routes (`livechat/rooms`): the default when absent or 0, never above the upper limit. */
export function pageCount(s: PageSettings, raw: unknown): number {
  const fallback = s.API_Default_Count > 0 ? s.API_Default_Count : 50;
  const n = raw === undefined || raw === null || raw === '' ? fallback : Math.trunc(Number(raw));
  if (!Number.isFinite(n) || n <= 0) return fallback;
  return Math.min(n, upper(s));
}

/**
 * `limit` of `livechat/messages.history`. Rocket.Chat reads `let limit = 20; if (limit) limit = parseInt(limit)`
 * and hands it to Mongo, which takes a negative limit as its absolute value and 0 as none at all — one
 * request could then read a 100,000-message room. The stand-in bounds it as paginated routes are bounded.
 */
export function historyLimit(s: PageSettings, raw: number | null | undefined): number {
  if (!raw) return 20;
  const n = Math.abs(Math.trunc(raw));
  return n === 0 ? upper(s) : Math.min(n, upper(s));
}
