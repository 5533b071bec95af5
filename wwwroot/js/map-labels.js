// Unit names on a map at the zooms where they help: state/region names over the whole South East, township names
// from zoom 8, village-tract names from zoom 11 (when the map shows village tracts), only those in view; and the
// selected unit named whatever the zoom. Labels are Leaflet tooltips holding text nodes, transparent to the pointer.
import { el } from './dom.js';
import { boundaries } from './maps.js';

const L = window.L;
export const TOWNSHIP_ZOOM = 8;
export const VILLAGE_TRACT_ZOOM = 11;
/** At most this many labels at once: more would be unreadable and slow. */
const MAX_LABELS = 250;

/** [lat, lon] in the middle of the geometry's largest part (the centre of that part's bounding box). */
export function labelPoint(geometry) {
  const parts = geometry?.type === 'MultiPolygon' ? geometry.coordinates : geometry?.type === 'Polygon' ? [geometry.coordinates] : [];
  let best = null;
  for (const part of parts) {
    const xs = part[0].map(c => c[0]), ys = part[0].map(c => c[1]);
    const box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    const area = (box[2] - box[0]) * (box[3] - box[1]);
    if (!best || area > best.area) best = { area, box };
  }
  return best ? [(best.box[1] + best.box[3]) / 2, (best.box[0] + best.box[2]) / 2] : null;
}

/** A unit's label; units without an English name (a few tracts have only a pcode) get none unless selected. */
const toLabel = kind => f => ({ kind, pcode: f.properties.pcode, name: f.properties.name_en, at: labelPoint(f.geometry) });

/** Labels on map; returns {setVillageTracts(features), select(feature|null)}. */
export function unitLabels(map) {
  const group = L.layerGroup().addTo(map);
  let states = [], townships = [], villageTracts = [], selected = null;

  function tooltip(label, extra = '') {
    return L.tooltip({ permanent: true, direction: 'center', interactive: false, className: `unit-label ${label.kind}${extra}` })
      .setLatLng(label.at).setContent(el('span', { text: label.name }));
  }

  /** Tooltips on the map now, by kind:pcode; draw() adds and removes only what changed (removal fades out). */
  const drawn = new Map();

  function draw() {
    const zoom = map.getZoom();
    const view = map.getBounds().pad(0.05);
    const kind = zoom < TOWNSHIP_ZOOM ? states : zoom >= VILLAGE_TRACT_ZOOM && villageTracts.length ? villageTracts : townships;
    const inView = kind.filter(l => l.at && l.name && l.pcode !== selected?.pcode && view.contains(l.at)).slice(0, MAX_LABELS);
    const wanted = new Map(inView.map(l => [`${l.kind}:${l.pcode}`, [l, '']]));
    if (selected?.at) wanted.set(`selected:${selected.pcode}`, [selected, ' selected']);
    for (const [key, layer] of drawn) if (!wanted.has(key)) { group.removeLayer(layer); drawn.delete(key); }
    for (const [key, [label, extra]] of wanted) if (!drawn.has(key)) { const t = tooltip(label, extra); drawn.set(key, t); group.addLayer(t); }
    map.getContainer().dataset.labels = inView.length ? `${inView[0].kind}:${inView.length}` : '';
  }

  Promise.all([boundaries('state'), boundaries('township')]).then(([s, t]) => {
    states = s.map(toLabel('state'));
    townships = t.map(toLabel('township'));
    draw();
  }).catch(() => { /* the base map reports boundaries that failed to load */ });
  map.on('zoomend moveend', draw);

  return {
    /** The village tracts drawn now (none when the map shows townships). */
    setVillageTracts(features) {
      villageTracts = features.map(toLabel('village-tract'));
      draw();
    },
    /** Names the selected unit (a GeoJSON feature), or none. */
    select(feature) {
      selected = feature ? toLabel(feature.properties.level ?? 'unit')(feature) : null;
      if (selected) selected.name ??= selected.pcode;
      draw();
    },
  };
}
