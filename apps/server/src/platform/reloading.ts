import type { Db } from './db.ts';

const CHECK_EVERY_MS = 1000;

/**
 * A value built from a small table operators edit (search word lists, the advertising-law lexicon) that every
 * process must use within a second of a change, without a restart. The table's version is read at most once a
 * second — and on every use for a second after this process changed it — and the value is rebuilt only when the
 * version moved. The version read is awaited: it is one indexed aggregate over a few hundred rows.
 */
export class Reloading<T> {
  private value: T | null = null;
  private version = '';
  private checkedAt = -Infinity;
  private changedAt = -Infinity;
  private pending: Promise<T> | null = null;

  private readonly versionOf: (db: Db) => Promise<string>;
  private readonly load: (db: Db) => Promise<T>;

  constructor(versionOf: (db: Db) => Promise<string>, load: (db: Db) => Promise<T>) {
    this.versionOf = versionOf;
    this.load = load;
  }

  /** This process changed the table: check on every use for the next second (commits may land out of order). */
  noteChange(): void {
    this.changedAt = performance.now();
  }

  /** Reread the table at the next use whatever its version says. */
  invalidate(): void {
    this.version = '';
  }

  async get(db: Db, force = false): Promise<T> {
    const now = performance.now();
    const own = force || now - this.changedAt < CHECK_EVERY_MS;
    if (this.value !== null && !own && now - this.checkedAt < CHECK_EVERY_MS) return this.value;
    this.pending ??= (async () => {
      const version = await this.versionOf(db);
      if (this.value === null || version !== this.version) {
        this.value = await this.load(db);
        this.version = version;
      }
      this.checkedAt = performance.now();
      return this.value;
    })().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }
}
