/**
 * After a network failure: does the Rocket.Chat server answer this origin, only opaquely (it is up and
 * refusing this origin: CORS), or not at all? And the console line telling the site owner the fix.
 * Loaded on the first network failure only.
 */
import type { ProbeResult } from './rest-client.ts';

let explained = false;
/** Tell the site owner, once, what to change on the Rocket.Chat server. */
export function explainCors(serverUrl: string): void {
  if (explained) return;
  explained = true;
  const origin = typeof location === 'undefined' ? 'this page' : location.origin;
  console.error(
    `[chat widget] ${serverUrl} refused requests from ${origin} (CORS). In Rocket.Chat: Administration → ` +
      `Workspace → Settings → General → REST API: turn on "Enable CORS" and add ${origin} to "CORS Origin".`,
  );
}

export async function probeReachable(serverUrl: string, fetchImpl: typeof fetch): Promise<ProbeResult> {
  const url = `${serverUrl.replace(/\/+$/, '')}/api/info`;
  const attempt = async (mode: RequestMode) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 4_000);
    try {
      await fetchImpl(url, { mode, cache: 'no-store', signal: controller.signal });
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  };
  if (await attempt('cors')) return 'ok';
  return (await attempt('no-cors')) ? 'refused' : 'unreachable';
}
