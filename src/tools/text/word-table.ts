/**
 * A table looked up by words a customer wrote. Without a prototype, so "constructor" or
 * "toString" in a message finds nothing instead of Object.prototype's methods ("soy constructor"
 * was read as a number, and "q constructor" as shorthand).
 */
export function wordTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
