// The outlines of what each result on the catalogue's page covers: its linked units, from the record's area
// without geometry (pcodes only) and the simplified boundaries the page fetches once per level — states and townships
// for every page, village tracts and wards only for the townships the page's results link (at most MAX_TOWNSHIPS, 4, of
// them; beyond that a tract is drawn as its township). So the bytes a page costs are bounded by its 20 results.
import { getJson } from './api.js';
import { boundaries } from './maps.js';

export const MAX_TOWNSHIPS = 4;
const FINE = new Set(['village-tract', 'ward']);
const townshipOf = pcode => pcode.slice(0, 9);

/** The linked units of one record ({pcode, level}), or null when they cannot be read. */
function links(id, signal) {
  return getJson(`/api/datasets/${encodeURIComponent(id)}/area?geometry=none`, { signal })
    .then(fc => fc.features.map(f => f.properties).filter(p => p.pcode && p.level))
    .catch(() => null);
}

/** id → GeoJSON features of the units the record links (null: draw its bounding box instead). */
export async function resultOutlines(ids, signal) {
  const linked = await Promise.all(ids.map(id => links(id, signal)));
  const all = linked.flat().filter(Boolean);
  const fineTownships = [...new Set(all.filter(u => FINE.has(u.level)).map(u => townshipOf(u.pcode)))].slice(0, MAX_TOWNSHIPS);
  const levels = [...new Set(all.map(u => u.level))];
  const layers = await Promise.all([
    boundaries('state'), boundaries('township'),
    levels.includes('district') ? boundaries('district') : [],
    ...fineTownships.flatMap(t => [levels.includes('village-tract') ? boundaries('village-tract', t) : [], levels.includes('ward') ? boundaries('ward', t) : []]),
  ].map(p => Promise.resolve(p).catch(() => [])));
  const byPcode = new Map(layers.flat().map(f => [f.properties.pcode, f]));
  const drawnFine = new Set(fineTownships);

  return new Map(ids.map((id, i) => {
    if (!linked[i]?.length) return [id, null];
    const pcodes = new Set(linked[i].map(u => (FINE.has(u.level) && !drawnFine.has(townshipOf(u.pcode)) ? townshipOf(u.pcode) : u.pcode)));
    const features = [...pcodes].map(p => byPcode.get(p)).filter(Boolean);
    return [id, features.length ? features : null];
  }));
}
