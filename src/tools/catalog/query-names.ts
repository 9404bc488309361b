import type { NameResolver } from './resolver.js';
import type { CarQuery, CatalogSearchResult, DidYouMean } from './types.js';

/** A query's make and model as the catalog knows them. */
export interface QueryNames {
  /** Constraint: canonical name; null = named but not in the catalog (nothing matches); undefined = none. */
  make: string | null | undefined;
  model: string | null | undefined;
  didYouMean: DidYouMean[];
  unknown: CatalogSearchResult['unknown'];
  /** The query with canonical names; a name the catalog lacks stays as the customer wrote it. */
  resolved: CarQuery;
}

const asked = (text: string | undefined): text is string => text !== undefined && text.trim() !== '';

/**
 * Aliases and typos to catalog names. A model alone also gives its make ("versa" → Nissan), a
 * model the catalog lacks still gives a make to look in ("tsuru" → Nissan), and text in the wrong
 * field is read for what it is ("vw jetta" as the make, "mazda" as the model).
 */
export function resolveQueryNames(resolver: NameResolver, query: CarQuery): QueryNames {
  const names: QueryNames = {
    make: undefined,
    model: undefined,
    didYouMean: [],
    unknown: [],
    resolved: query,
  };
  let modelText = asked(query.model) ? query.model : undefined;
  if (asked(query.make)) {
    const found = resolver.lookupMake(query.make);
    if (found.kind === 'exact' || found.kind === 'corrected') {
      names.make = found.value;
      if (found.kind === 'corrected')
        names.didYouMean.push({ field: 'make', input: query.make, suggestion: found.value });
    } else if (modelText === undefined && resolver.lookupModel(query.make).kind !== 'none') {
      modelText = query.make;
    } else {
      names.make = null;
      names.unknown.push({ field: 'make', input: query.make });
    }
  }
  if (modelText !== undefined) resolveModel(resolver, query, modelText, names);

  const { make: _make, model: _model, ...rest } = query;
  const make = names.make === null ? query.make : names.make;
  const model = names.model === null ? modelText : names.model;
  names.resolved = {
    ...rest,
    ...(make === undefined ? {} : { make }),
    ...(model === undefined ? {} : { model }),
  };
  return names;
}

function resolveModel(resolver: NameResolver, query: CarQuery, modelText: string, names: QueryNames): void {
  const found = resolver.lookupModel(modelText, names.make ?? undefined);
  if (found.kind === 'exact' || found.kind === 'corrected') {
    // "Toyota Jetta": the model is the more specific word; say which make it really is.
    if (asked(query.make) && names.make && names.make !== found.value.make) {
      names.didYouMean.push({ field: 'make', input: query.make, suggestion: found.value.make });
    }
    names.make = found.value.make;
    names.model = found.value.model;
    if (found.kind === 'corrected')
      names.didYouMean.push({ field: 'model', input: modelText, suggestion: found.value.model });
    return;
  }
  if (found.kind === 'none' && names.make === undefined) {
    const make = resolver.lookupMake(modelText);
    if (make.kind === 'exact' || make.kind === 'corrected') {
      names.make = make.value;
      if (make.kind === 'corrected')
        names.didYouMean.push({ field: 'make', input: modelText, suggestion: make.value });
      return;
    }
  }
  names.model = null;
  names.unknown.push({ field: 'model', input: modelText });
  if (found.kind === 'outside' && names.make === undefined && found.make !== null) names.make = found.make;
}
