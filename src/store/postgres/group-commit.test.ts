import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

interface Item {
  key: string;
  value: string;
}

/** A commit that records each batch and waits until `release` lets it end. */
function recordingCommit() {
  const batches: string[][] = [];
  const pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  return {
    batches,
    /** Ends the oldest batch still in flight (with `error`, if given). */
    end(error?: Error) {
      const next = pending.shift()!;
      if (error) next.reject(error);
      else next.resolve();
    },
    get inFlight() {
      return pending.length;
    },
    commit: async (items: Item[]) => {
      batches.push(items.map((item) => item.value));
      await new Promise<void>((resolve, reject) => pending.push({ resolve, reject }));
      return items.map((item) => `stored ${item.value}`);
    },
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

function groupCommit(commit: (items: Item[], budgetMs: number) => Promise<string[]>, deadlineMs = 60_000) {
  return new GroupCommit<Item, string>(commit, {
    maxBatch: 3,
    keyOf: (item) => item.key,
    deadlineMs,
    expired: () => new Error('expired'),
    mayBeOneMembers: (error) => error instanceof Error && error.message === 'bad data',
  });
}

describe('GroupCommit', () => {
  it('starts the first caller at once and puts those who come meanwhile into the next transaction, each with its own result', async () => {
    const db = recordingCommit();
    const group = groupCommit(db.commit);
    const first = group.submit({ key: 'a', value: 'a1' });
    await flush();
    expect(db.batches).toEqual([['a1']]);
    const rest = ['b1', 'c1', 'd1', 'e1'].map((value) => group.submit({ key: value[0]!, value }));
    await flush();
    // Nothing else starts while a transaction is in flight.
    expect(db.inFlight).toBe(1);
    db.end();
    expect(await first).toBe('stored a1');
    await flush();
    // At most maxBatch (3) members; the fourth waits for the one after.
    expect(db.batches).toEqual([['a1'], ['b1', 'c1', 'd1']]);
    db.end();
    await flush();
    db.end();
    expect(await Promise.all(rest)).toEqual(['stored b1', 'stored c1', 'stored d1', 'stored e1']);
    expect(db.batches).toEqual([['a1'], ['b1', 'c1', 'd1'], ['e1']]);
  });

  it('never puts two items of one key in a transaction: the later one follows, in order', async () => {
    const db = recordingCommit();
    const group = groupCommit(db.commit);
    const busy = group.submit({ key: 'x', value: 'x0' });
    await flush();
    const results = [
      group.submit({ key: 'a', value: 'a1' }),
      group.submit({ key: 'a', value: 'a2' }),
      group.submit({ key: 'b', value: 'b1' }),
      group.submit({ key: 'a', value: 'a3' }),
    ];
    for (let i = 0; i < 4; i++) {
      db.end();
      await flush();
    }
    await Promise.all([busy, ...results]);
    expect(db.batches).toEqual([['x0'], ['a1', 'b1'], ['a2'], ['a3']]);
  });

  it('a failed transaction rejects every member of it, and only them', async () => {
    const db = recordingCommit();
    const group = groupCommit(db.commit);
    const first = group.submit({ key: 'x', value: 'x0' });
    await flush();
    const failing = ['a1', 'b1'].map((value) => group.submit({ key: value[0]!, value }));
    db.end();
    await first;
    await flush();
    const later = group.submit({ key: 'c', value: 'c1' });
    db.end(new Error('connection lost'));
    await expect(failing[0]).rejects.toThrow('connection lost');
    await expect(failing[1]).rejects.toThrow('connection lost');
    await flush();
    db.end();
    expect(await later).toBe('stored c1');
  });

  it("tries each member alone when the error may be one member's bad data, so the others are stored", async () => {
    const batches: string[][] = [];
    const group = groupCommit((items) => {
      batches.push(items.map((item) => item.value));
      if (items.some((item) => item.value === 'bad')) return Promise.reject(new Error('bad data'));
      return Promise.resolve(items.map((item) => `stored ${item.value}`));
    });
    const busy = group.submit({ key: 'x', value: 'x0' });
    const results = ['a1', 'bad', 'c1'].map((value, i) =>
      group.submit({ key: String(i), value }).catch((error: Error) => error.message),
    );
    await busy;
    expect(await Promise.all(results)).toEqual(['stored a1', 'bad data', 'stored c1']);
    expect(batches).toEqual([['x0'], ['a1', 'bad', 'c1'], ['a1'], ['bad'], ['c1']]);
  });

  it('refuses, unsent, a member that waited past its deadline, and gives the next batch what is left of it', async () => {
    const db = recordingCommit();
    const budgets: number[] = [];
    const group = groupCommit(async (items, budgetMs) => {
      budgets.push(budgetMs);
      return db.commit(items);
    }, 100);
    const first = group.submit({ key: 'x', value: 'x0' });
    await flush();
    const late = group.submit({ key: 'a', value: 'a1' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const fresh = group.submit({ key: 'b', value: 'b1' });
    db.end();
    await first;
    await expect(late).rejects.toThrow('expired');
    await flush();
    db.end();
    expect(await fresh).toBe('stored b1');
    expect(db.batches).toEqual([['x0'], ['b1']]);
    expect(budgets[0]).toBeGreaterThan(90);
    expect(budgets[1]).toBeLessThanOrEqual(100);
  });
});
