/**
 * Memoises a pure string function. Catalog columns repeat a few hundred distinct values across
 * 100k rows, so a small cache saves most of the work; it is cleared if it ever grows large.
 */
export function memoize<T>(fn: (text: string) => T, maxEntries = 10_000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    if (cache.size >= maxEntries) cache.clear();
    const value = fn(text);
    cache.set(text, value);
    return value;
  };
}
