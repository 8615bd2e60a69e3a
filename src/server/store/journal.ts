/**
 * An append-only journal of JSON lines in a data directory, written with group commit: lines appended
 * while a write is under way go out together in the next write, each write followed by `fdatasync`, and
 * whoever waits on `durable()` hears back only once its lines are on disk. Reading it back stops at a
 * torn last line (a `kill -9` mid-write). `rewrite` replaces the file atomically (tmp, fsync, rename,
 * fsync of the directory), which is how the journal is compacted. One process per directory (a lock file).
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { fdatasync, write } from 'node:fs';
import { join } from 'node:path';

interface Batch {
  lines: string[];
  after: (() => void)[];
  done: Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

const FILE = 'store.ndjson';
const LOCK = 'LOCK';

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(`the data directory ${dir} is in use by process ${pid}`);
    this.name = 'DataDirLockedError';
  }
}

export class Journal {
  private fd: number;
  private pending: Batch | undefined;
  private inFlight: Batch | undefined;
  private scheduled = false;
  /** Bytes in the file, to know when compaction pays. */
  size = 0;

  private constructor(
    readonly dir: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /** Takes the directory (creating it), and returns the journal with the lines it already holds. */
  static open(dir: string): { journal: Journal; lines: string[] } {
    mkdirSync(dir, { recursive: true });
    takeLock(dir);
    const path = join(dir, FILE);
    const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
    const lines = text.split('\n');
    // Only the last line can be torn; a line is whole when a newline follows it.
    lines.pop();
    const fd = openSync(path, 'a');
    const journal = new Journal(dir, fd);
    journal.size = Buffer.byteLength(text);
    return { journal, lines };
  }

  /** Adds a line to the next write. */
  append(line: string): void {
    this.batch().lines.push(line);
    this.schedule();
  }

  /** Runs `fn` once everything appended so far is on disk (at once when nothing is waiting). */
  afterDurable(fn: () => void): void {
    if (this.pending) this.pending.after.push(fn);
    else if (this.inFlight) this.inFlight.after.push(fn);
    else fn();
  }

  /** Resolves when every line appended so far is on disk; rejects when that write failed. */
  durable(): Promise<void> {
    const waitFor = this.pending ?? this.inFlight;
    if (!waitFor) return Promise.resolve();
    this.drain();
    return waitFor.done;
  }

  /**
   * Replaces the whole file with `lines()` (compaction), atomically. Waits for a write under way, then
   * runs in one go: lines still waiting are dropped, as the snapshot holds what they say, and their
   * waiters hear back once the snapshot is on disk.
   */
  async rewrite(lines: () => Iterable<string>): Promise<void> {
    while (this.inFlight) await this.inFlight.done.catch(() => undefined);
    const absorbed = this.pending;
    this.pending = undefined;
    const path = join(this.dir, FILE);
    const tmp = `${path}.tmp`;
    let size = 0;
    try {
      const fd = openSync(tmp, 'w');
      try {
        let chunk: string[] = [];
        const flush = () => {
          if (!chunk.length) return;
          const data = chunk.join('');
          size += Buffer.byteLength(data);
          writeSync(fd, data);
          chunk = [];
        };
        for (const line of lines()) {
          chunk.push(line, '\n');
          if (chunk.length > 2_000) flush();
        }
        flush();
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, path);
      syncDir(this.dir);
      closeSync(this.fd);
      this.fd = openSync(path, 'a');
      this.size = size;
    } catch (e) {
      // The old file is intact; what was waiting goes out to it as usual.
      if (absorbed) {
        const later = this.pending as Batch | undefined;
        if (later) later.done.then(absorbed.resolve, absorbed.reject);
        this.pending = later ? { ...later, lines: [...absorbed.lines, ...later.lines], after: [...absorbed.after, ...later.after] } : absorbed;
        this.schedule();
      }
      throw e;
    }
    if (absorbed) {
      absorbed.resolve();
      for (const fn of absorbed.after) fn();
    }
  }

  /** Writes what is waiting and releases the directory. */
  async close(): Promise<void> {
    await this.durable().catch(() => undefined);
    closeSync(this.fd);
    try {
      unlinkSync(join(this.dir, LOCK));
    } catch {
      // already gone
    }
  }

  private batch(): Batch {
    if (!this.pending) {
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const done = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // Nobody may be waiting (a background change): a failure is logged by the drain, not unhandled.
      done.catch(() => undefined);
      this.pending = { lines: [], after: [], done, resolve, reject };
    }
    return this.pending;
  }

  /** After the current turn, so a request's changes made in one go leave in one write. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    if (this.inFlight || !this.pending) return;
    const batch = (this.inFlight = this.pending);
    this.pending = undefined;
    const data = batch.lines.length ? `${batch.lines.join('\n')}\n` : '';
    const finish = (err: unknown) => {
      this.inFlight = undefined;
      if (err) {
        console.error('[standin] could not write the journal', err);
        batch.reject(err);
      } else {
        this.size += Buffer.byteLength(data);
        batch.resolve();
      }
      for (const fn of batch.after) {
        try {
          fn();
        } catch (e) {
          console.error('[standin] after-write callback failed', e);
        }
      }
      this.drain();
    };
    if (!data) return finish(undefined);
    write(this.fd, data, (err) => (err ? finish(err) : fdatasync(this.fd, finish)));
  }
}

function takeLock(dir: string): void {
  const lock = join(dir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(lock, 'utf8'));
      // A lock left by a process that is gone (kill -9) is stale.
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(dir, pid);
      unlinkSync(lock);
    }
  }
  throw new Error(`could not lock ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some filesystems cannot fsync a directory; the rename is still atomic.
  }
}
