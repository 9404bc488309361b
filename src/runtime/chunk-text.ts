/**
 * Splits text into a few word-aligned chunks that concatenate back to it exactly, so
 * scripted and replayed streams look like a model writing (several deltas, not one).
 */
export function chunkText(text: string, chunks = 4): string[] {
  if (text.length === 0) return [];
  const words = text.split(/(?<=\s)/);
  const perChunk = Math.max(1, Math.ceil(words.length / chunks));
  const out: string[] = [];
  for (let i = 0; i < words.length; i += perChunk) out.push(words.slice(i, i + perChunk).join(''));
  return out;
}
