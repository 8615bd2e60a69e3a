/**
 * A Map that tells a listener which entries may have changed. The stand-in's rules mutate documents in
 * place (`room.open`, `visitor.status`, `user.authTokens.push`), so any entry handed out — by `get` or by
 * iteration — counts as touched; the persistence layer compares it with what it last wrote. Without a
 * listener (in-memory stand-in) it is a plain Map plus one property check per call.
 */
export interface MapWatcher<K, V> {
  touched(key: K, value: V): void;
  deleted(key: K): void;
}

export class TrackedMap<K, V> extends Map<K, V> {
  watcher: MapWatcher<K, V> | undefined;

  override get(key: K): V | undefined {
    const v = super.get(key);
    if (v !== undefined) this.watcher?.touched(key, v);
    return v;
  }

  override set(key: K, value: V): this {
    super.set(key, value);
    this.watcher?.touched(key, value);
    return this;
  }

  override delete(key: K): boolean {
    const had = super.delete(key);
    if (had) this.watcher?.deleted(key);
    return had;
  }

  override clear(): void {
    const keys = [...super.keys()];
    super.clear();
    for (const k of keys) this.watcher?.deleted(k);
  }

  override values(): MapIterator<V> {
    this.touchAll();
    return super.values();
  }

  override entries(): MapIterator<[K, V]> {
    this.touchAll();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  override forEach(fn: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    this.touchAll();
    super.forEach(fn, thisArg);
  }

  /** Read without touching: for the store's own lookups that hand out only what they return. */
  peek(key: K): V | undefined {
    return super.get(key);
  }

  /** Iterate without touching (the persistence layer's own snapshot and comparisons). */
  rawValues(): MapIterator<V> {
    return super.values();
  }

  rawEntries(): MapIterator<[K, V]> {
    return super.entries();
  }

  private touchAll(): void {
    const w = this.watcher;
    if (!w) return;
    for (const [k, v] of super.entries()) w.touched(k, v);
  }
}
