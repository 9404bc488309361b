import {
  replyKeyString,
  type PendingReply,
  type ReplyHandoff,
  type ReplyKey,
} from '../core/ports/reply-handoff.js';

/**
 * The in-process reply handoff: webhook requests waiting (in `--reply twiml` mode) for their
 * reply, in this process's memory. Taking a waiter out of the map decides: the worker that
 * takes it answers inline, a request whose deadline took it first gets nothing and the worker
 * sends by the API. Serves one process only (SQLite, `--role all`); across processes see
 * store/postgres/reply-handoff.ts.
 */
export class ReplyWaiters implements ReplyHandoff {
  private readonly waiters = new Map<
    string,
    { deliver: (messages: string[] | null) => void; timer: NodeJS.Timeout }
  >();

  expect(key: ReplyKey, deadlineMs: number): Promise<PendingReply | undefined> {
    const id = replyKeyString(key);
    if (this.waiters.has(id)) return Promise.resolve(undefined);
    let deliver!: (messages: string[] | null) => void;
    const reply = new Promise<string[] | null>((resolve) => (deliver = resolve));
    const timer = setTimeout(() => this.cancel(id), deadlineMs);
    this.waiters.set(id, { deliver, timer });
    return Promise.resolve({ reply, cancel: () => this.cancel(id) });
  }

  offer(key: ReplyKey, parts: string[]): Promise<boolean> {
    const deliver = this.remove(replyKeyString(key));
    deliver?.(parts);
    return Promise.resolve(deliver !== undefined);
  }

  cancelAll(): Promise<void> {
    for (const id of [...this.waiters.keys()]) this.cancel(id);
    return Promise.resolve();
  }

  close(): Promise<void> {
    return this.cancelAll();
  }

  get size(): number {
    return this.waiters.size;
  }

  private cancel(id: string): void {
    this.remove(id)?.(null);
  }

  private remove(id: string): ((messages: string[] | null) => void) | undefined {
    const waiter = this.waiters.get(id);
    if (!waiter) return undefined;
    this.waiters.delete(id);
    clearTimeout(waiter.timer);
    return waiter.deliver;
  }
}
