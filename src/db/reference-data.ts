import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { importCatalog } from '../modules/catalog/service.js';
import { importTerritory } from '../modules/territory/service.js';
import { packageRoot } from '../server/package-root.js';
import type { Db } from './client.js';

const dir = path.join(packageRoot, 'reference-data');

const readJson = async (name: string) => JSON.parse(await readFile(path.join(dir, name), 'utf8'));

/** Loads the territory, the document catalogue and the categories. Safe to run any number of times. */
export async function importReferenceData(db: Db) {
  const territory = await readJson('morocco-territory.json');
  const catalog = await readJson('document-catalog.json');
  const guides = await readJson('document-guides.json');
  return db.transaction(async (tx) => {
    const places = await importTerritory(tx, territory.records);
    const { documents, categories } = await importCatalog(tx, catalog.items, guides.items);
    return { places, documents, categories };
  });
}
