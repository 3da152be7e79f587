import { Catalog, type CatalogData } from '#shared/catalog.ts';
import data from '../generated/catalog.json' with { type: 'json' };

/** The content catalog generated at build time (scripts/build-catalog.ts), bundled into each function. */
export const catalog = new Catalog(data as CatalogData);
