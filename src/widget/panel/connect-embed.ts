/**
 * The panel's Amazon Connect wiring, loaded only when the page asked for Connect: the adapter, its
 * options from the script tag, and (its own chunk, for the pages that use it) amazon-connect-chat-
 * interface's `initiateChat`.
 */
import type { KeyValueStore } from '../backend/chat-backend.ts';
import { createConnectBackend, type ConnectBackendOptions } from '../backend/amazon-connect/backend.ts';
import type { ApiCall, WidgetHost } from '../embed/host-contract.ts';
import type { BackendSetup } from './mount.tsx';

export async function createConnect(host: WidgetHost, storage: KeyValueStore, queued: readonly ApiCall[]): Promise<BackendSetup> {
  const c = host.config;
  const options: ConnectBackendOptions = {
    startChatUrl: c.chatInterface ? '' : c.serverUrl,
    storage,
    http: { early: host.early },
    ...(c.region ? { region: c.region } : {}),
    ...(c.endpoint ? { endpoint: c.endpoint } : {}),
  };
  let ci = c.chatInterface || queued.some((q) => q.method === 'initiateChat') ? await import('./chat-interface.ts') : undefined;
  ci?.configure(options, queued, storage);
  return {
    backend: createConnectBackend(options),
    initiateChat: (chat, call) =>
      void import('./chat-interface.ts').then((m) => {
        ci = m;
        return m.initiateChat(options, storage, chat, call);
      }),
    ended: () => ci?.ended(),
  };
}
