// Maps that leave the screen: a PNG of the map with its title, the filters in words, the legend, the date, the source and
// the link that reopens the view (html-to-image, from npm, copied into lib/ by scripts/web-assets.sh), and the same
// caption above the map when printed (the print stylesheet in site.css hides the rest of the page).
import { el, fill } from './dom.js';

const htmlToImage = window.htmlToImage;

/**
 * What the sheet says: {title, filters: [text], legend: () => [nodes], url}. legend is a function because each sheet
 * needs its own nodes (the legend on the map keeps its own).
 */
function captionNodes({ title, filters, url }, date) {
  return [
    el('h2', { class: 'sheet-title', text: title }),
    el('p', { class: 'sheet-filters', text: filters.length ? filters.join(' · ') : 'No filters: every record.' }),
    el('p', { class: 'sheet-meta', text: `Made on ${date}. Source: MIMU (boundaries); SE Data Network catalogue (records).` }),
    el('p', { class: 'sheet-url', text: url }),
  ];
}

const today = () => new Date().toISOString().slice(0, 10);

/** The map's own layers without the web tiles (other origins are outside the service's CSP) and the controls. */
const mapLayersOnly = node => !(node.classList?.contains('leaflet-tile-pane') || node.classList?.contains('leaflet-control-container'));

/**
 * Draws the sheet (caption, the map as drawn now, legend) off screen, turns it into a PNG and hands it to the browser
 * as a download named filename. The sheet is built from fresh nodes and removed again.
 */
export async function downloadPng(mapElement, describe, filename) {
  if (!htmlToImage) throw new Error('The image library did not load; reload the page.');
  const map = await htmlToImage.toCanvas(mapElement, { filter: mapLayersOnly, skipFonts: true, pixelRatio: 1, backgroundColor: '#dfe8ee' });
  map.className = 'sheet-map';
  const about = describe();
  const sheet = el('div', { class: 'export-sheet' }, captionNodes(about, today()), map,
    el('div', { class: 'sheet-legend legend' }, about.legend()));
  const stage = el('div', { class: 'export-stage', 'aria-hidden': 'true' }, sheet);
  document.body.append(stage);
  try {
    const blob = await htmlToImage.toBlob(sheet, { skipFonts: true, pixelRatio: 1, backgroundColor: '#ffffff' });
    const link = el('a', { href: URL.createObjectURL(blob), download: filename, class: 'hidden' });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    return blob;
  } finally {
    stage.remove();
  }
}

/** Writes the caption into the print-only block above the map and opens the browser's print dialog. */
export function printMap(caption, describe) {
  fill(caption, captionNodes(describe(), today()));
  window.print();
}
