/**
 * Keeps a Store in a data directory. Every document a change may have touched (read or written through
 * the store's maps) is compared, at the end of the request, with what was last written; what differs is
 * appended to the journal, and the request's answer waits until that is on disk. Messages are journaled
 * as they are inserted, edited and deleted. Realtime events wait for the same write, so nobody hears of a
 * message a crash could still lose. On open the journal is replayed, then compacted to one line per document.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { HttpFailure } from '../errors.ts';
import { Journal } from './journal.ts';
import type { Store } from './store.ts';
import type { TrackedMap } from './tracked-map.ts';
import type { Message, OfflineMessage, TranscriptRequest } from './types.ts';

/** What a stand-in needs from its persistence; the in-memory store has none. */
export interface StorePersistence {
  /** Runs `fn` as one unit: what it touched is written, and on disk, before the returned promise settles. */
  durably<T>(fn: () => T | Promise<T>): Promise<T>;
  /** Runs `fn` once every change made so far is on disk. */
  afterDurable(fn: () => void): void;
  close(): Promise<void>;
}

const COLLECTIONS = ['users', 'departments', 'customFields', 'triggers', 'visitors', 'rooms', 'inquiries', 'uploads'] as const;
type CollectionName = (typeof COLLECTIONS)[number];

type Line =
  | { p: CollectionName; k: string; v: unknown }
  | { d: CollectionName; k: string }
  | { m: unknown }
  | { dm: string }
  | { s: unknown }
  | { e: Store['edition'] }
  | { a: 'transcripts' | 'offlineMessages'; v: unknown };

/** Compact the journal on open, and again once it has grown this much past its compacted size. */
const COMPACT_GROWTH_BYTES = 64 * 1024 * 1024;
const INTERNAL = { success: false, error: 'Internal server error' } as const;

export interface OpenedPersistence {
  persistence: StorePersistence;
  /** False for a new (empty) data directory: the caller seeds the store. */
  restored: boolean;
}

export function openPersistence(store: Store, dir: string): OpenedPersistence {
  const { journal, lines } = Journal.open(dir);
  const restored = lines.length > 0;
  replay(store, lines);
  const keeper = new Keeper(store, journal);
  // One line per document from here on; a journal of edits would otherwise grow without bound.
  keeper.compactNow();
  return { persistence: keeper, restored };
}

function replay(store: Store, lines: string[]): void {
  for (const text of lines) {
    let line: Line;
    try {
      line = decode(JSON.parse(text)) as Line;
    } catch {
      // A line is written whole or not at all (fdatasync before the answer); a bad one is skipped.
      continue;
    }
    if ('p' in line) {
      if (line.p === 'visitors') store.saveVisitor(line.v as never);
      else (store[line.p] as Map<string, unknown>).set(line.k, line.v);
    } else if ('d' in line) {
      if (line.d === 'rooms') store.deleteRoom(line.k);
      else if (line.d === 'visitors') store.deleteVisitor(line.k);
      else (store[line.d] as Map<string, unknown>).delete(line.k);
    } else if ('m' in line) store.restoreMessage(line.m as Message);
    else if ('dm' in line) store.forgetMessage(line.dm);
    else if ('s' in line) Object.assign(store.settings, line.s);
    else if ('e' in line) store.edition = line.e;
    else if ('a' in line) (store[line.a] as unknown[]).push(line.v);
  }
}

/**
 * EJSON-like: Date as `{$date: ms}`, bytes as `{$binary: base64}`. For comparing, bytes are named by
 * identity instead (`{$buf: n}`), so an upload served a thousand times is not re-encoded each time.
 */
const bufferIds = new WeakMap<Uint8Array, number>();
let nextBufferId = 1;

function encode(value: unknown, bytes: 'base64' | 'identity'): unknown {
  if (value instanceof Date) return { $date: value.getTime() };
  if (value instanceof Uint8Array) {
    if (bytes === 'base64') return { $binary: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
    let id = bufferIds.get(value);
    if (id === undefined) bufferIds.set(value, (id = nextBufferId++));
    return { $buf: id };
  }
  if (Array.isArray(value)) return value.map((v) => encode(v, bytes));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encode(v, bytes);
    return out;
  }
  return value;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    const rec = value as Record<string, unknown>;
    const keys = Object.keys(rec);
    if (keys.length === 1 && typeof rec.$date === 'number') return new Date(rec.$date);
    if (keys.length === 1 && typeof rec.$binary === 'string') return Buffer.from(rec.$binary, 'base64');
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = decode(rec[k]);
    return out;
  }
  return value;
}

const serialise = (v: unknown) => JSON.stringify(encode(v, 'base64'));
const fingerprint = (v: unknown) => JSON.stringify(encode(v, 'identity'));

class Keeper implements StorePersistence {
  /** What each document looked like when last written, to write only what changed. */
  private readonly written = new Map<CollectionName, Map<string, string>>();
  /** Touched outside any request (timers, startup): written on the next turn. */
  private readonly loose = new Map<CollectionName, Set<string>>();
  private readonly scope = new AsyncLocalStorage<Map<CollectionName, Set<string>>>();
  private looseScheduled = false;
  private settingsJson = '';
  private edition = '';
  private counts = { transcripts: 0, offlineMessages: 0 };
  private compactedSize = 0;
  private compacting = false;

  constructor(
    private readonly store: Store,
    private readonly journal: Journal,
  ) {
    for (const name of COLLECTIONS) {
      const map = store[name] as TrackedMap<string, unknown>;
      const written = new Map<string, string>();
      this.written.set(name, written);
      for (const [k, v] of map.rawEntries()) written.set(k, fingerprint(v));
      map.watcher = {
        touched: (key) => this.touch(name, key),
        deleted: (key) => {
          written.delete(key);
          this.journal.append(JSON.stringify({ d: name, k: key }));
        },
      };
    }
    this.settingsJson = fingerprint(store.settings);
    this.edition = store.edition;
    this.counts = { transcripts: store.transcripts.length, offlineMessages: store.offlineMessages.length };
    // Messages: every insert and edit arrives as `message`, a deletion as notifyRoom `deleteMessage`.
    store.prependListener('message', (m) => this.journal.append(serialise({ m })));
    store.prependListener('notifyRoom', (_rid, event, args) => {
      if (event !== 'deleteMessage') return;
      const id = (args[0] as { _id?: unknown } | undefined)?._id;
      if (typeof id === 'string') this.journal.append(JSON.stringify({ dm: id }));
    });
  }

  async durably<T>(fn: () => T | Promise<T>): Promise<T> {
    const touched = new Map<CollectionName, Set<string>>();
    let result: T;
    try {
      result = await this.scope.run(touched, fn);
    } finally {
      // Even a request that failed half-way may have changed something.
      this.collect(touched);
      this.collect(this.loose);
    }
    try {
      await this.journal.durable();
    } catch {
      // Not on disk: the caller must not be told it worked.
      throw new HttpFailure(500, INTERNAL);
    }
    this.maybeCompact();
    return result;
  }

  afterDurable(fn: () => void): void {
    this.journal.afterDurable(fn);
  }

  async close(): Promise<void> {
    this.collect(this.loose);
    await this.journal.close();
  }

  /** Rewrites the journal as one line per document (synchronously on open). */
  compactNow(): void {
    this.compact();
  }

  private maybeCompact(): void {
    if (this.compacting || this.journal.size - this.compactedSize < COMPACT_GROWTH_BYTES) return;
    this.compact();
  }

  private compact(): void {
    this.compacting = true;
    this.journal
      .rewrite(() => this.snapshot())
      .then(
        () => (this.compactedSize = this.journal.size),
        (e: unknown) => console.error('[standin] could not compact the journal', e),
      )
      .finally(() => (this.compacting = false));
  }

  /** Every document as one line; what was last written becomes exactly that. */
  private *snapshot(): Generator<string> {
    this.edition = this.store.edition;
    yield JSON.stringify({ e: this.edition });
    this.settingsJson = fingerprint(this.store.settings);
    yield `{"s":${serialise(this.store.settings)}}`;
    for (const name of COLLECTIONS) {
      const written = this.written.get(name)!;
      written.clear();
      for (const [k, v] of (this.store[name] as TrackedMap<string, unknown>).rawEntries()) {
        written.set(k, fingerprint(v));
        yield `{"p":${JSON.stringify(name)},"k":${JSON.stringify(k)},"v":${serialise(v)}}`;
      }
    }
    for (const m of this.store.allMessages()) yield serialise({ m });
    for (const a of ['transcripts', 'offlineMessages'] as const) {
      for (const v of this.store[a]) yield serialise({ a, v });
      this.counts[a] = this.store[a].length;
    }
  }

  private touch(name: CollectionName, key: string): void {
    const into = this.scope.getStore() ?? this.loose;
    let keys = into.get(name);
    if (!keys) into.set(name, (keys = new Set()));
    keys.add(key);
    if (into === this.loose && !this.looseScheduled) {
      this.looseScheduled = true;
      setImmediate(() => {
        this.looseScheduled = false;
        this.collect(this.loose);
      });
    }
  }

  /** Appends a line for each touched document that differs from what was last written. */
  private collect(touched: Map<CollectionName, Set<string>>): void {
    for (const [name, keys] of touched) {
      const map = this.store[name] as TrackedMap<string, unknown>;
      const written = this.written.get(name)!;
      for (const k of keys) {
        const v = map.peek(k);
        if (v === undefined) continue;
        const print = fingerprint(v);
        if (written.get(k) === print) continue;
        written.set(k, print);
        this.journal.append(`{"p":${JSON.stringify(name)},"k":${JSON.stringify(k)},"v":${serialise(v)}}`);
      }
    }
    touched.clear();
    const settings = fingerprint(this.store.settings);
    if (settings !== this.settingsJson) {
      this.settingsJson = settings;
      this.journal.append(`{"s":${serialise(this.store.settings)}}`);
    }
    if (this.store.edition !== this.edition) {
      this.edition = this.store.edition;
      this.journal.append(JSON.stringify({ e: this.edition }));
    }
    for (const a of ['transcripts', 'offlineMessages'] as const) {
      const list: readonly (TranscriptRequest | OfflineMessage)[] = this.store[a];
      for (let i = this.counts[a]; i < list.length; i++) this.journal.append(serialise({ a, v: list[i] }));
      this.counts[a] = list.length;
    }
  }
}
