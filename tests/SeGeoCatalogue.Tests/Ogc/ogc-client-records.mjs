// Reads the catalogue collection with @camptocamp/ogc-client (npm, package.json devDependencies) and prints what it
// read as one JSON document for OgcClientRecordsTests. Usage: node ogc-client-records.mjs http://127.0.0.1:PORT
import { OgcApiEndpoint } from '@camptocamp/ogc-client';

const base = process.argv[2];
// The library resolves relative links against the page's address, as in a browser; Node has no page.
globalThis.location = new URL(`${base}/ogc/`);

const endpoint = new OgcApiEndpoint(`${base}/ogc`);
const hasRecords = await endpoint.hasRecords;
const recordCollections = await endpoint.recordCollections;
const info = await endpoint.getCollectionInfo('catalogue');
const records = await endpoint.getCollectionItems('catalogue', 100, 0);
const first = await endpoint.getCollectionItem('catalogue', records[0].id);
const inBox = await endpoint.getCollectionItems('catalogue', 100, 0, null, null, [97.55, 16.4, 97.7, 16.55]);

console.log(JSON.stringify({
  hasRecords,
  recordCollections,
  info: { id: info.id, itemType: info.itemType, type: info.type, queryables: info.queryables.map((q) => q.name) },
  records,
  first,
  inBox: inBox.map((r) => r.id),
}));
