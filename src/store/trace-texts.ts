import { createHash } from 'node:crypto';

/**
 * Turn traces keep every model call's messages, and most of their bytes are the same rendered
 * prompts on every turn (the intents prompt alone is ~13 KB). The stores keep each long message
 * text once, in a table of texts keyed by hash, and the trace row refers to it:
 * `{ "content": { "$text": "<hash>" } }`. Callers never see references: `packTrace` before a
 * write, `unpackTrace` after a read, and a trace comes back exactly as it was saved.
 */
export const SHARED_TEXT_MIN_CHARS = 1024;
const REF_KEY = '$text';

export interface PackedTrace {
  /** The trace as stored: long texts replaced by references. */
  stored: unknown;
  /** hash → text for every reference in `stored`. */
  texts: Map<string, string>;
}

/** Hashes of recent long texts, so the same prompt is not hashed again on every turn. */
const hashes = new Map<string, string>();
const MAX_REMEMBERED_HASHES = 256;

export function textHash(text: string): string {
  let hash = hashes.get(text);
  if (hash === undefined) {
    hash = createHash('sha256').update(text).digest('base64url');
    if (hashes.size >= MAX_REMEMBERED_HASHES) hashes.clear();
    hashes.set(text, hash);
  }
  return hash;
}

export function packTrace(trace: unknown): PackedTrace {
  const texts = new Map<string, string>();
  const stored = mapMessageContents(trace, (content) => {
    if (typeof content !== 'string' || content.length < SHARED_TEXT_MIN_CHARS) return content;
    const hash = textHash(content);
    texts.set(hash, content);
    return { [REF_KEY]: hash };
  });
  return { stored, texts };
}

/** The hashes a stored trace refers to (to fetch them in one query). */
export function textRefs(stored: unknown): string[] {
  const refs = new Set<string>();
  mapMessageContents(stored, (content) => {
    const ref = refOf(content);
    if (ref !== undefined) refs.add(ref);
    return content;
  });
  return [...refs];
}

/** A reference whose text is missing (a hand-edited database) says so instead of failing. */
export function unpackTrace(stored: unknown, texts: ReadonlyMap<string, string>): unknown {
  return mapMessageContents(stored, (content) => {
    const ref = refOf(content);
    if (ref === undefined) return content;
    return texts.get(ref) ?? `[trace text ${ref} is missing from the database]`;
  });
}

function refOf(content: unknown): string | undefined {
  if (typeof content !== 'object' || content === null) return undefined;
  const ref = (content as Record<string, unknown>)[REF_KEY];
  return typeof ref === 'string' ? ref : undefined;
}

/**
 * A copy of the trace with `spans[].messages[].content` mapped; everything else shared, not
 * copied. Traces of any shape pass through untouched (old rows, hand-written fixtures).
 */
function mapMessageContents(trace: unknown, map: (content: unknown) => unknown): unknown {
  if (!isRecord(trace) || !Array.isArray(trace.spans)) return trace;
  let changed = false;
  const spans = trace.spans.map((span: unknown) => {
    if (!isRecord(span) || !Array.isArray(span.messages)) return span;
    let spanChanged = false;
    const messages = span.messages.map((message: unknown) => {
      if (!isRecord(message) || !('content' in message)) return message;
      const content = map(message.content);
      if (content === message.content) return message;
      spanChanged = true;
      return { ...message, content };
    });
    if (!spanChanged) return span;
    changed = true;
    return { ...span, messages };
  });
  return changed ? { ...trace, spans } : trace;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
