/**
 * The first read of a Connect chat under way — the newest page of its transcript — started by the Connect
 * panel's entry while the adapter's chunk downloads and the panel starts up. The adapter (backend.ts)
 * asks with the same URL and body, and takes this answer instead (http.ts), or asks anew.
 */
import type { KeyValueStore } from '../chat-backend.ts';
import type { EarlyRequests } from '../http.ts';

/** The adapter's stored session (its key, and the part read here). */
export const SESSION = 'connect';

export const participantUrl = (o: { endpoint?: string | undefined; region?: string | undefined }) =>
  `${(o.endpoint ?? `https://participant.connect.${o.region ?? 'us-east-1'}.amazonaws.com`).replace(/\/+$/, '')}/participant/`;

export const transcriptBody = (limit: number, cursor?: string) => ({
  MaxResults: Math.min(limit, 100),
  ScanDirection: 'BACKWARD',
  SortOrder: 'ASCENDING',
  ...(cursor ? { NextToken: cursor } : {}),
});

/** What identifies a request for an early answer: URL and body (every Participant call is a POST). */
export const earlyKey = (url: string, body: unknown) => `${url} ${JSON.stringify(body)}`;

/** `limit`: the first page the panel reads (chat-state.ts's pageSize). */
export function startEarly(o: { endpoint?: string | undefined; region?: string | undefined }, storage: KeyValueStore, early: EarlyRequests, limit = 50): void {
  const s = storage.get<{ connectionToken?: string; ended?: boolean }>(SESSION);
  if (!s?.connectionToken || s.ended) return;
  const url = `${participantUrl(o)}transcript`;
  const body = transcriptBody(limit);
  early.set(
    earlyKey(url, body),
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Amz-Bearer': s.connectionToken }, body: JSON.stringify(body) }).catch(() => undefined),
  );
}
