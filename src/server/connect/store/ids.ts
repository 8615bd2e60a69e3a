/** Identifiers and opaque tokens shaped like the service's (UUIDs; long base64 bearer tokens). */
import { randomBytes, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

/** Real participant and connection tokens are a few hundred base64 characters; ours are opaque too. */
export function newToken(prefix: string): string {
  return `${prefix}${randomBytes(96).toString('base64url')}`;
}

export const isoNow = (now = Date.now()): string => new Date(now).toISOString();
