/**
 * Webhook requests waiting (in `--reply twiml` mode) for their reply to be ready, to answer
 * with it inline. The worker hands the reply to a waiter if it is still there; past the
 * deadline the waiter is gone and the reply goes by the provider's API. One or the other, never
 * both: taking a waiter removes it. Keyed by the message's external id.
 */
export class ReplyWaiters {
  private readonly waiters = new Map<
    string,
    { deliver: (messages: string[] | null) => void; timer: NodeJS.Timeout }
  >();

  /** Resolves with the reply's messages, or null past the deadline (or when cancelled). */
  wait(externalId: string, deadlineMs: number): Promise<string[] | null> {
    this.cancel(externalId);
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.cancel(externalId), deadlineMs);
      this.waiters.set(externalId, { deliver: resolve, timer });
    });
  }

  /** Takes the waiter of a message, if one is still waiting; call the result with the reply. */
  take(externalId: string): ((messages: string[]) => void) | undefined {
    const deliver = this.remove(externalId);
    return deliver && ((messages: string[]) => deliver(messages));
  }

  /** The request gave up (deadline, client gone): the reply will go by the API. */
  cancel(externalId: string): void {
    this.remove(externalId)?.(null);
  }

  cancelAll(): void {
    for (const id of [...this.waiters.keys()]) this.cancel(id);
  }

  get size(): number {
    return this.waiters.size;
  }

  private remove(externalId: string): ((messages: string[] | null) => void) | undefined {
    const waiter = this.waiters.get(externalId);
    if (!waiter) return undefined;
    this.waiters.delete(externalId);
    clearTimeout(waiter.timer);
    return waiter.deliver;
  }
}
