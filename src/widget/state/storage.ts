/**
 * Key-value persistence that never throws. Web storage can be missing, blocked (third-party storage
 * partitioning, private modes, sandboxed frames) or full; then the widget keeps working in memory and
 * says so through `persistent`.
 */
import type { KeyValueStore } from '../backend/chat-backend.ts';

export type { KeyValueStore };

/** The IndexedDB database of files waiting to be sent (state/kept-files.ts): made with the first one kept. */
export const KEPT_FILES_DB = 'rcw-uploads';

/** `backing`: localStorage by default; `null` keeps everything in memory. */
export function createStorage(namespace: string, backing: Storage | null = safeStorage('localStorage')): KeyValueStore {
  const memory = new Map<string, string>();
  let store = backing ?? undefined;
  const full = (key: string) => `${namespace}:${key}`;

  const read = (key: string): string | null => {
    if (store) {
      try {
        return store.getItem(full(key));
      } catch {
        store = undefined;
      }
    }
    return memory.get(key) ?? null;
  };

  return {
    get persistent() {
      return store !== undefined;
    },
    get<T>(key: string): T | undefined {
      const raw = read(key);
      if (raw === null) return undefined;
      try {
        return JSON.parse(raw) as T;
      } catch {
        return undefined;
      }
    },
    set(key, value) {
      const raw = JSON.stringify(value);
      memory.set(key, raw);
      if (!store) return;
      try {
        store.setItem(full(key), raw);
      } catch {
        // Quota or a policy change mid-session: keep going in memory rather than lose the write.
        store = undefined;
      }
    },
    remove(key) {
      memory.delete(key);
      try {
        store?.removeItem(full(key));
      } catch {
        store = undefined;
      }
    },
    onExternalChange(listener) {
      const prefix = `${namespace}:`;
      const handler = (e: StorageEvent) => {
        if (e.key?.startsWith(prefix)) listener(e.key.slice(prefix.length));
      };
      window.addEventListener('storage', handler);
      return () => window.removeEventListener('storage', handler);
    },
  };
}

/** The page's localStorage (shared by its tabs) or sessionStorage (one tab's), when it can be used. */
export function safeStorage(kind: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    const s = window[kind];
    const probe = '__rcw_probe__';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

/** A short stable namespace per chat server, so two widgets for two servers never share a session. */
export function storageNamespace(serverUrl: string): string {
  let h = 5381;
  for (let i = 0; i < serverUrl.length; i++) h = ((h << 5) + h + serverUrl.charCodeAt(i)) | 0;
  return `rcw:${(h >>> 0).toString(36)}`;
}
