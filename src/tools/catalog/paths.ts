import { fileURLToPath } from 'node:url';

/** The bundled sample catalog (data/catalog.csv), found from this file in src/ and in dist/ alike. */
export const DEFAULT_CATALOG_PATH = fileURLToPath(new URL('../../../data/catalog.csv', import.meta.url));
