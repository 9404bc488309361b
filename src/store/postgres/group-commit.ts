export interface GroupCommitOptions<Item> {
  /** The most members one transaction takes; the rest wait for the next. */
  maxBatch: number;
  /**
   * Items with one key never share a transaction: a later one waits for the next, in order
   * (a conversation's messages must keep their order, which rows of one INSERT do not promise).
   */
  keyOf: (item: Item) => string;
  /** How long a member may wait, queue and transaction together; past it, it is refused unsent. */
  deadlineMs: number;
  /** The error a member gets when its deadline passed before its transaction could start. */
  expired: () => Error;
  /**
   * Whether a batch's error may be one member's fault (bad data rather than a busy or absent
   * database): then each member is tried alone, so one bad message cannot fail its neighbours.
   */
  mayBeOneMembers: (error: unknown) => boolean;
}

interface Member<Item, Result> {
  item: Item;
  since: number;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: callers arriving while a transaction is in flight go together into the next
 * one, so under load a webhook ack costs a share of one transaction instead of a transaction of
 * its own; with nothing in flight a caller's transaction starts at once (no added wait). Each
 * caller gets its own result after the COMMIT, or the batch's error: nothing is acknowledged
 * unless it was stored.
 */
export class GroupCommit<Item, Result> {
  private readonly waiting: Member<Item, Result>[] = [];
  private inFlight = false;

  /**
   * `commit(items, budgetMs)` stores every item in one transaction and returns one result per
   * item, in order; `budgetMs` is what is left of the oldest member's deadline.
   */
  constructor(
    private readonly commit: (items: Item[], budgetMs: number) => Promise<Result[]>,
    private readonly options: GroupCommitOptions<Item>,
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ item, since: performance.now(), resolve, reject });
      this.next();
    });
  }

  /** Callers waiting for a transaction (not counting the one in flight). */
  get backlog(): number {
    return this.waiting.length;
  }

  private next(): void {
    if (this.inFlight) return;
    const batch = this.takeBatch();
    if (batch.length === 0) return;
    this.inFlight = true;
    void this.settle(batch).finally(() => {
      this.inFlight = false;
      this.next();
    });
  }

  private async settle(batch: Member<Item, Result>[]): Promise<void> {
    // Tried alone after its batch failed, with no time left: refused rather than given 1 ms.
    if (batch.length === 1 && this.budget(batch[0]!) <= 0) return batch[0]!.reject(this.options.expired());
    try {
      const results = await this.commit(
        batch.map((member) => member.item),
        this.budget(batch[0]!),
      );
      if (results.length !== batch.length)
        throw new Error(`group commit: ${results.length} results for ${batch.length} items`);
      batch.forEach((member, i) => member.resolve(results[i]!));
    } catch (error) {
      if (batch.length > 1 && this.options.mayBeOneMembers(error)) {
        for (const member of batch) await this.settle([member]);
      } else {
        for (const member of batch) member.reject(error);
      }
    }
  }

  /** What is left of a member's deadline. */
  private budget(member: Member<Item, Result>): number {
    return this.options.deadlineMs - (performance.now() - member.since);
  }

  /** The oldest waiting members, one per key; members past their deadline are refused here. */
  private takeBatch(): Member<Item, Result>[] {
    const now = performance.now();
    const batch: Member<Item, Result>[] = [];
    const keys = new Set<string>();
    let kept = 0;
    for (let i = 0; i < this.waiting.length; i++) {
      const member = this.waiting[i]!;
      if (now - member.since >= this.options.deadlineMs) {
        member.reject(this.options.expired());
        continue;
      }
      const key = this.options.keyOf(member.item);
      if (batch.length < this.options.maxBatch && !keys.has(key)) {
        keys.add(key);
        batch.push(member);
      } else {
        this.waiting[kept++] = member;
      }
    }
    this.waiting.length = kept;
    return batch;
  }
}
