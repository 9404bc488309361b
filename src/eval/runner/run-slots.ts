import { addCosts, type CostUsd } from '../../core/trace/cost.js';

/**
 * The limits a run's case runs share: `concurrency` slots and one spending total for --max-cost.
 * Several runs may share one (eval variants): the slots hand out the lowest plan position first,
 * so variants take turns case by case instead of one variant running to the end before the next
 * starts, and a budget stop leaves every variant with the same cases.
 */
export interface RunSlots {
  /** Runs `task` once a slot is free; among waiting tasks, the lowest `position` goes first. */
  schedule(position: number, task: () => Promise<void>): Promise<void>;
  /** Adds agent or judge spending; null (an unpriced model) makes the total null. */
  spend(cost: CostUsd): void;
  /** Spent so far by every run sharing these slots. */
  readonly spent: CostUsd;
}

interface Waiting {
  position: number;
  order: number;
  start: () => void;
}

export function createRunSlots(concurrency: number): RunSlots {
  if (!(concurrency >= 1)) throw new RangeError('concurrency must be ≥ 1');
  const waiting = new MinHeap<Waiting>((a, b) => a.position - b.position || a.order - b.order);
  let running = 0;
  let queued = 0;
  let spent: CostUsd = 0;

  const next = () => {
    while (running < concurrency && waiting.size > 0) {
      running += 1;
      waiting.pop()!.start();
    }
  };

  return {
    schedule(position, task) {
      return new Promise<void>((resolve, reject) => {
        const start = () =>
          void task()
            .then(resolve, reject)
            .finally(() => {
              running -= 1;
              next();
            });
        waiting.push({ position, order: queued++, start });
        // On a microtask, like p-limit: every task a run plans in one go waits before the first starts.
        queueMicrotask(next);
      });
    },
    spend(cost) {
      spent = addCosts(spent, cost);
    },
    get spent() {
      return spent;
    },
  };
}

/** A binary heap: a run with --repeat 100 plans tens of thousands of case runs. */
class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly before: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.before(items[i]!, items[parent]!) >= 0) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < items.length && this.before(items[left]!, items[least]!) < 0) least = left;
      if (right < items.length && this.before(items[right]!, items[least]!) < 0) least = right;
      if (least === i) return top;
      [items[i], items[least]] = [items[least]!, items[i]!];
      i = least;
    }
  }
}
