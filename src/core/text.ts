import type { Branch } from '../tools/knowledge/types.js';
import { fold } from '../tools/text/normalize.js';

/**
 * Characters as a person (and WhatsApp) counts them: code points, so "ñ" and "🚗" are one each,
 * where `.length` counts UTF-16 units and a byte count counts "ñ" twice.
 */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** The branch a message names ("en Antara", "¿a qué hora abre Explanada?"), if any. */
export function branchNamedIn(message: string, branches: readonly Branch[]): Branch | undefined {
  const text = fold(message);
  return branches.find((b) => text.includes(fold(b.name)));
}
