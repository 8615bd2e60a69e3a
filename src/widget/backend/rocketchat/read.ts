/** Small readers of Rocket.Chat values, shared by the adapters (adapt*.ts). */
import { isObject } from '../shape.ts';

/** REST sends ISO strings, DDP Dates (from EJSON), some paths `{ $date }` or epoch numbers. */
export function time(d: unknown): number | undefined {
  const v = d instanceof Date ? d.getTime() : typeof d === 'string' ? Date.parse(d) : typeof d === 'number' ? d : isObject(d) ? Number(d.$date) : NaN;
  return Number.isFinite(v) ? v : undefined;
}

export const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);
export const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
