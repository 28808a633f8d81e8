// Leaflet 1.8 removed L.DomEvent.fakeStop, which VectorGrid 1.3.0 (its canvas click handler)
// and Geoman's canvas patch still call. Leaflet ≤ 1.7 defined it as marking the event so that
// the map does not also treat the click as its own; Leaflet 1.9 still honours that mark
// (Map._fireDOMEvent checks originalEvent._stopped). Put the one-liner back if it is missing.

const L = window.L;

if (L && L.DomEvent && typeof L.DomEvent.fakeStop !== 'function') {
  L.DomEvent.fakeStop = function fakeStop(e) {
    e._stopped = true;
    return this;
  };
}
