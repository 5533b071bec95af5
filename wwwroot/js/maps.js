// The base map every page shares: OpenStreetMap tiles when they load, and the MIMU states and townships
// always drawn as vector layers from the service, so the map still reads with no internet.
import { getAllFeatures } from './api.js';

const L = window.L;

/** The wider South East, before the state layer has loaded. */
export const SOUTH_EAST = [[9.5, 94.6], [22.4, 101.2]];

const boundaryCache = new Map();

/** Simplified polygons of one level (state, township, village-tract), fetched once per page. */
export function boundaries(level, parent) {
  const key = `${level}|${parent ?? ''}`;
  if (!boundaryCache.has(key)) {
    const parentQuery = parent ? `&parent=${encodeURIComponent(parent)}` : '';
    boundaryCache.set(key, getAllFeatures(`/api/admin-units?level=${level}&geometry=simplified&limit=1000${parentQuery}`));
  }
  return boundaryCache.get(key);
}

/**
 * A Leaflet map in element with the tile layer and the vector boundaries (outlines only, drawn above the
 * data layers and transparent to the pointer, so hover and click reach the layers beneath).
 * fitToStates zooms to the seven states once they are drawn; a page that sets its own view passes false.
 * Returns {map, ready} where ready resolves to {states, townships} once both layers are drawn.
 */
export function createMap(element, { townships = true, fitToStates = true } = {}) {
  const map = L.map(element, { preferCanvas: true, zoomSnap: 0.5, minZoom: 4 }).fitBounds(SOUTH_EAST);
  const stateStyle = () => map.getZoom() >= 8
    ? { color: '#263340', weight: 2, opacity: 1, fill: false }
    : { color: '#263340', weight: 0.9, opacity: 0.8, fill: false };
  element.leafletMap = map; // for the browser tests and the developer console
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Boundaries: Source: MIMU');
  L.tileLayer('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png', {
    subdomains: 'abc',
    maxZoom: 18,
    attribution: '© OpenStreetMap contributors',
    className: 'osm-tiles',
  }).addTo(map);

  map.createPane('boundaries');
  map.getPane('boundaries').classList.add('boundaries-pane');
  element.dataset.boundaries = 'loading';

  const ready = (async () => {
    const [stateFeatures, townshipFeatures] = await Promise.all([
      boundaries('state'),
      townships ? boundaries('township') : Promise.resolve([]),
    ]);
    const townshipLayer = L.geoJSON({ type: 'FeatureCollection', features: townshipFeatures }, {
      pane: 'boundaries',
      interactive: false,
      pmIgnore: true, // the drawing tools (edit, drag, erase) must never touch the boundaries
      style: { color: '#6a7580', weight: 0.8, fill: false },
    }).addTo(map);
    const stateLayer = L.geoJSON({ type: 'FeatureCollection', features: stateFeatures }, {
      pane: 'boundaries',
      interactive: false,
      pmIgnore: true,
      style: stateStyle,
    }).addTo(map);
    // Thin state lines until zoomed in: at the scale of the whole SE a 2 px line would paint tiny islands dark.
    map.on('zoomend', () => stateLayer.setStyle(stateStyle));
    if (fitToStates) map.fitBounds(stateLayer.getBounds());
    element.dataset.boundaries = 'drawn';
    element.dataset.townships = String(townshipFeatures.length);
    return { states: stateLayer, townships: townshipLayer };
  })();
  ready.catch(() => { element.dataset.boundaries = 'failed'; });
  return { map, ready };
}

/** A control in a map corner holding a DOM node (legends, hover boxes). */
export function nodeControl(map, node, position = 'bottomright') {
  const Control = L.Control.extend({ onAdd: () => node });
  const control = new Control({ position });
  control.addTo(map);
  L.DomEvent.disableClickPropagation(node);
  return control;
}
