/**
 * Group commit: callers submit items one at a time and get their own result back, but the work runs in batches.
 * While one batch is in flight, new items queue up; when it finishes, everything queued (up to `maxBatch`) goes in
 * the next one. So under no load an item runs alone at once, and under heavy load one database transaction serves
 * hundreds of callers — the batch size follows the load by itself, with no timer to tune.
 */
export class GroupCommitter<I, O> {
  private queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;
  private readonly run: (items: I[]) => Promise<O[]>;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;

  /**
   * `maxInFlight` > 1 pipelines batches: the next one starts while earlier ones are still committing (useful when
   * the work serialises only at its very end, as the flash sale's final guarded update does).
   */
  constructor(run: (items: I[]) => Promise<O[]>, opts: { maxBatch?: number; maxInFlight?: number } = {}) {
    this.run = run;
    this.maxBatch = opts.maxBatch ?? 500;
    this.maxInFlight = opts.maxInFlight ?? 1;
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.inFlight < this.maxInFlight) void this.flush();
    });
  }

  get pending(): number {
    return this.queue.length;
  }

  private async flush(): Promise<void> {
    this.inFlight++;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const out = await this.run(batch.map((b) => b.item));
          batch.forEach((b, i) => b.resolve(out[i]!));
        } catch (err) {
          // Nothing of a failed batch committed: every caller in it gets the error, none was acknowledged.
          for (const b of batch) b.reject(err);
        }
      }
    } finally {
      this.inFlight--;
    }
  }
}

/** One GroupCommitter per key (e.g. per hot SKU), created on first use. */
export class KeyedGroupCommitter<I, O> {
  private readonly committers = new Map<string, GroupCommitter<I, O>>();
  private readonly run: (key: string, items: I[]) => Promise<O[]>;
  private readonly opts: { maxBatch?: number; maxInFlight?: number };

  constructor(run: (key: string, items: I[]) => Promise<O[]>, opts: { maxBatch?: number; maxInFlight?: number } = {}) {
    this.run = run;
    this.opts = opts;
  }

  submit(key: string, item: I): Promise<O> {
    let c = this.committers.get(key);
    if (!c) {
      c = new GroupCommitter<I, O>((items) => this.run(key, items), this.opts);
      this.committers.set(key, c);
    }
    return c.submit(item);
  }
}
