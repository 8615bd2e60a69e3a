/**
 * The panel for dev and tests: the backend the page asked for, each imported on demand. The built
 * panels are entry-rocketchat.tsx and entry-connect.tsx (one per backend).
 */
import { startEarly } from '../backend/amazon-connect/early.ts';
import type { PanelHandle, PanelModule, WidgetHost } from '../embed/host-contract.ts';
import { mountWith } from './mount.tsx';

export function mountPanel(host: WidgetHost): Promise<PanelHandle> {
  return mountWith(host, async (h, storage, queued) => {
    if (h.config.backend) {
      startEarly(h.config, storage, h.early);
      return (await import('./connect-embed.ts')).createConnect(h, storage, queued);
    }
    const { createRocketChatBackend } = await import('../backend/rocketchat/backend.ts');
    return { backend: createRocketChatBackend(h.config.serverUrl, { storage, rest: { early: h.early } }) };
  });
}

/** Loaded only when a setting is wrong (the loader asks): the words stay out of every chat's download. */
export const warnConfig: PanelModule['warnConfig'] = (ignored, given) => import('../embed/config-warning.ts').then((m) => m.warnConfig(ignored, given));
