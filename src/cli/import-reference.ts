import { importReferenceData } from '../db/reference-data.js';
import { openConfiguredDatabase } from './open.js';

/** `npm run import-reference`: loads the territory, documents and categories. Running it again changes nothing. */
const { database } = await openConfiguredDatabase();
const counts = await importReferenceData(database.db);
console.log(
  `Imported ${counts.places} places, ${counts.documents} documents, ${counts.categories} categories.`,
);
await database.close();
