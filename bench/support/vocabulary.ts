import type { Vocabulary } from '../../src/runtime/offline/nlu/index.js';
import { loadCatalog } from '../../src/tools/catalog/index.js';

/** The catalog's makes and models, as createApp gives them to the offline runtime (built once here). */
export async function catalogVocabulary(path: string): Promise<Vocabulary> {
  const catalog = await loadCatalog(path);
  return {
    makes: catalog.makes(),
    models: catalog.cars.map((car) => ({ make: car.make, model: car.model })),
  };
}
