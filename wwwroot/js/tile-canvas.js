// The canvas that draws one vector tile of leaflet.vectorgrid 1.3.0, made to answer the pointer on this map:
// - the map zooms in half steps (zoomSnap 0.5) and village-tract tiles are drawn scaled below zoom 8, while
//   vectorgrid finds the point under the pointer as if a tile were always drawn at its own zoom: here the pointer's
//   position is projected at the tile's zoom, so hover and click land on the unit under the pointer at any scale;
// - vectorgrid's click handler calls L.DomEvent.fakeStop, which Leaflet 1.8 removed: this one fires the click as
//   Leaflet 1.9's own canvas renderer does.
// The library itself is used as published; this extends its renderer, as its rendererFactory option allows.
const L = window.L;

const TileCanvas = L.Canvas.Tile.extend({
  /** The pointer in this tile's own pixels (those its features were drawn in). */
  _tilePoint(e) {
    const map = this._map;
    return map.project(map.mouseEventToLatLng(e), this._tileCoord.z).subtract(this._tileCoord.scaleBy(this._size));
  },

  _onMouseMove(e) {
    if (!this._map || this._map.dragging.moving() || this._map._animatingZoom) return;
    this._handleMouseHover(e, this._tilePoint(e));
  },

  _onClick(e) {
    if (!this._map) return;
    const point = this._tilePoint(e);
    let clicked = null;
    for (const layer of Object.values(this._layers)) {
      if (layer.options.interactive && layer._containsPoint(point) && (!(e.type === 'click' || e.type === 'preclick') || !this._map._draggableMoved(layer)))
        clicked = layer;
    }
    this._fireEvent(clicked ? [clicked] : false, e);
  },
});

/** For vectorgrid's rendererFactory option. */
export const tileCanvas = (coords, size, options) => new TileCanvas(coords, size, options);
