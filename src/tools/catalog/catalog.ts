import { catalogStats } from './rank.js';
import { createResolver } from './resolver.js';
import { searchCatalog, type SearchIndex } from './search.js';
import type { Car, Catalog, CatalogRowIssue } from './types.js';

/** A searchable catalog over validated cars; every index is built here, once. */
export function createCatalog(input: {
  source: string;
  cars: readonly Car[];
  issues?: readonly CatalogRowIssue[];
}): Catalog {
  // The array is frozen, not each car: frozen objects make V8 scans of 100k cars several times slower.
  const cars = Object.freeze([...input.cars]);
  const byId = new Map(cars.map((car) => [car.stockId, car]));
  const resolver = createResolver(cars);
  const index: SearchIndex = { cars, resolver, stats: catalogStats(cars) };

  function canonicalMake(text: string): string | undefined {
    const found = resolver.lookupMake(text);
    return found.kind === 'exact' || found.kind === 'corrected' ? found.value : undefined;
  }

  return {
    source: input.source,
    cars,
    issues: Object.freeze([...(input.issues ?? [])]),
    search: (query) => searchCatalog(index, query),
    byStockId: (stockId) => byId.get(stockId.trim()),
    resolveMake(text) {
      const found = resolver.lookupMake(text);
      if (found.kind === 'exact' || found.kind === 'corrected')
        return { make: found.value, corrected: found.kind === 'corrected' };
      return null;
    },
    resolveModel(text, make) {
      const found = resolver.lookupModel(text, make === undefined ? undefined : canonicalMake(make));
      if (found.kind === 'exact' || found.kind === 'corrected')
        return { ...found.value, corrected: found.kind === 'corrected' };
      return null;
    },
    makes: () => resolver.makes(),
    models(make) {
      if (make === undefined)
        return [...new Set(resolver.makes().flatMap((each) => resolver.models(each)))].sort((a, b) =>
          a.localeCompare(b, 'en'),
        );
      const canonical = canonicalMake(make);
      return canonical === undefined ? [] : resolver.models(canonical);
    },
  };
}
