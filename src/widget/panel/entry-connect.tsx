/**
 * The built panel for Amazon Connect sites (`widget-panel-connect.js`). The Connect adapter is its own
 * chunk, fetched as soon as this file runs; the HTTP client of every backend stays here.
 */
import { startEarly } from '../backend/amazon-connect/early.ts';
import type { PanelHandle, PanelModule, WidgetHost } from '../embed/host-contract.ts';
import { mountWith } from './mount.tsx';

const adapter = import('./connect-embed.ts');

export function mountPanel(host: WidgetHost): Promise<PanelHandle> {
  return mountWith(host, async (h, storage, queued) => {
    // The transcript of a chat under way, asked for while the adapter's chunk is still on its way.
    startEarly(h.config, storage, h.early);
    return (await adapter).createConnect(h, storage, queued);
  });
}

// Keeps the HTTP client (ky) in this file rather than in the adapter's chunk (the loader ignores it).
export { createHttp } from '../backend/http.ts';

/** Loaded only when a setting is wrong (the loader asks): the words stay out of every chat's download. */
export const warnConfig: PanelModule['warnConfig'] = (ignored, given) => import('../embed/config-warning.ts').then((m) => m.warnConfig(ignored, given));
