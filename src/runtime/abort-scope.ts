/** What one piece of work listens to: its own signal, and how to let go of it afterwards. */
export interface AbortScope {
  readonly signal: AbortSignal;
  /** Detaches from the parent and clears the timer; call it in `finally`. Idempotent. */
  dispose(): void;
}

/**
 * A fresh signal for one call or turn that aborts when `parent` does (with its reason) or, with
 * `timeoutMs`, after that long (with a TimeoutError, as AbortSignal.timeout). Why not
 * `AbortSignal.any([parent, AbortSignal.timeout(ms)])`: the openai SDK adds an abort listener to
 * the signal it is given and never removes it, so a long-lived signal collects one listener and
 * one AbortController per call; and on Node 20 a timeout signal inside `any` is held only weakly,
 * so a garbage collection can cancel it before it fires. Here the parent listener is removed on
 * dispose, and the timer is an ordinary one we hold and clear.
 */
export function abortScope(parent?: AbortSignal, options: { timeoutMs?: number } = {}): AbortScope {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  let timer: NodeJS.Timeout | undefined;
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  if (options.timeoutMs !== undefined && !controller.signal.aborted) {
    const ms = options.timeoutMs;
    timer = setTimeout(
      () => controller.abort(new DOMException(`The operation timed out after ${ms} ms.`, 'TimeoutError')),
      ms,
    );
  }
  return {
    signal: controller.signal,
    dispose() {
      parent?.removeEventListener('abort', onParentAbort);
      clearTimeout(timer);
    },
  };
}
