// The footprint of a record on the edit page's map: drawn with geoman, edited, or read from an uploaded file, with a
// live preview of the units it will link at the chosen threshold.
import { send } from './api.js';
import { el, fill, $, status, unitName, debounce } from './dom.js';

const L = window.L;

/** Sets up drawing, preview and upload on map; returns the footprint's accessors for the form. */
export function footprintEditor(map) {
  const footprintLayers = L.featureGroup().addTo(map);

  map.pm.setGlobalOptions({ layerGroup: footprintLayers, allowSelfIntersection: false });
  map.pm.addControls({
    position: 'topleft', drawMarker: false, drawCircleMarker: false, drawPolyline: false, drawCircle: false,
    drawText: false, cutPolygon: false, rotateMode: false,
  });
  // geoman's buttons are links with only an icon and a title on their container: give each an accessible name.
  for (const container of map.getContainer().querySelectorAll('.leaflet-pm-toolbar .button-container[title]')) {
    container.querySelector('a.leaflet-buttons-control-button')?.setAttribute('aria-label', container.getAttribute('title'));
  }
  map.on('pm:create', e => { watchLayer(e.layer); footprintChanged(); });
  map.on('pm:remove', footprintChanged);

  function watchLayer(layer) {
    layer.on('pm:edit pm:dragend', footprintChanged);
  }

  /** Every drawn or uploaded polygon as one MultiPolygon, or null. */
  function footprint() {
    const polygons = [];
    footprintLayers.eachLayer(layer => {
      const geometry = layer.toGeoJSON().geometry;
      if (geometry.type === 'Polygon') polygons.push(geometry.coordinates);
      else if (geometry.type === 'MultiPolygon') polygons.push(...geometry.coordinates);
    });
    return polygons.length ? { type: 'MultiPolygon', coordinates: polygons } : null;
  }

  function setFootprint(geometry) {
    footprintLayers.clearLayers();
    if (!geometry) return;
    const polygons = geometry.type === 'MultiPolygon' ? geometry.coordinates : geometry.type === 'Polygon' ? [geometry.coordinates] : [];
    for (const coordinates of polygons) {
      const layer = L.geoJSON({ type: 'Polygon', coordinates }).getLayers()[0];
      layer.setStyle({ color: '#d95f02', weight: 2 });
      footprintLayers.addLayer(layer);
      watchLayer(layer);
    }
    if (footprintLayers.getLayers().length) map.fitBounds(footprintLayers.getBounds(), { padding: [20, 20], maxZoom: 11 });
  }

  // ---- live preview of the units the footprint links ------------------------------------------
  let previewRun = 0;
  const refreshPreview = debounce(async () => {
    const geometry = footprint();
    const run = ++previewRun;
    if (!geometry) {
      fill($('#preview'));
      $('#preview-status').textContent = 'Draw or upload a footprint to see them.';
      $('#preview').dataset.count = '0';
      return;
    }
    $('#preview-status').textContent = 'Working out the units…';
    try {
      const { body } = await send('POST', '/api/footprints/preview', { footprint: geometry, threshold: threshold() });
      if (run !== previewRun) return; // a newer drawing is on its way
      fill($('#preview'), body.units.map(u => el('li', { dataset: { pcode: u.pcode } },
        unitName(u), el('span', { class: 'muted', text: `${u.level} · ${Math.round(u.share * 1000) / 10} %` }))));
      $('#preview').dataset.count = String(body.units.length);
      const notices = body.notices ?? [];
      $('#preview-status').textContent = `${body.units.length} unit${body.units.length === 1 ? '' : 's'}.${notices.length ? ' ' + notices.join(' ') : ''}`;
    } catch (e) {
      if (run !== previewRun) return;
      $('#preview-status').textContent = `The footprint cannot be previewed: ${e.message}`;
    }
  }, 400);

  function footprintChanged() {
    refreshPreview();
  }

  function threshold() {
    const pct = Number($('#footprint_threshold').value);
    return Number.isFinite(pct) ? pct / 100 : 0.05;
  }
  $('#footprint_threshold').addEventListener('input', refreshPreview);
  $('#clear-footprint').addEventListener('click', () => { footprintLayers.clearLayers(); footprintChanged(); });

  // ---- upload ------------------------------------------------------------------------------------
  $('#footprint-file').addEventListener('change', async e => {
    const file = e.target.files[0];
    if (!file) return;
    const form = new FormData();
    form.append('file', file);
    status($('#upload-status'), `Reading ${file.name}…`);
    try {
      const { body } = await send('POST', '/api/footprints/read', form);
      setFootprint(body.footprint);
      footprintChanged();
      status($('#upload-status'), `Read ${file.name}: ${body.vertices} vertices${body.source_crs ? `, from ${body.source_crs}` : ''}. You can edit the shape on the map.`, 'success');
    } catch (err) {
      status($('#upload-status'), `${file.name} could not be read: ${err.message}`, 'alert');
    }
  });

  return { footprint, setFootprint, threshold, changed: footprintChanged };
}
