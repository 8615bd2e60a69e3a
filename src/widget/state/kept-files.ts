/**
 * Files waiting to be sent, kept in IndexedDB (the only browser storage that holds a File across a
 * reload) by the conversation they were for. Every failure is quiet: without it, uploads still work,
 * they just do not survive a reload.
 */

import { KEPT_FILES_DB } from './storage.ts';

/** Also dropped whole by "forget my data" (forget.ts); the attach button looks for it (ui/attach.tsx). */
export const DB = KEPT_FILES_DB;
const STORE = 'files';

/** IndexedDB, where there is one: the only browser storage that keeps a File across a reload. */
function openDb(): Promise<IDBDatabase | undefined> {
  return new Promise((resolve) => {
    try {
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(undefined);
    } catch {
      resolve(undefined);
    }
  });
}

interface Kept {
  id: string;
  file: File;
  /** The conversation it was for: only that one gets it back. */
  conversation: string;
}

export function keeper() {
  const db = openDb();
  const run = (mode: IDBTransactionMode, fn: (s: IDBObjectStore) => void) =>
    db.then((d) => {
      if (!d) return;
      try {
        fn(d.transaction(STORE, mode).objectStore(STORE));
      } catch {
        // Storage refused (quota, private mode): the upload still works, it just will not survive a reload.
      }
    });
  return {
    put: (id: string, file: File, conversation: string) => void run('readwrite', (s) => s.put({ id, file, conversation } satisfies Kept, id)),
    remove: (id: string) => void run('readwrite', (s) => s.delete(id)),
    all: () =>
      db.then(
        (d) =>
          new Promise<Kept[]>((resolve) => {
            if (!d) return resolve([]);
            try {
              const req = d.transaction(STORE, 'readonly').objectStore(STORE).getAll();
              req.onsuccess = () => resolve((req.result as Kept[]).filter((k) => k && typeof k.conversation === 'string' && k.file instanceof Blob));
              req.onerror = () => resolve([]);
            } catch {
              resolve([]);
            }
          }),
      ),
  };
}

