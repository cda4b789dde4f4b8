import { useEffect, useId, useRef, useState } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './MapPicker.css';
import type { LatLon } from '../lib/geo';
import { CITY, formatPosition, MAP_TILES, roundCoordinate, type MapTiles } from '../lib/map';

const ZOOM = 15;
/** How far one arrow key moves the focused pin, in screen pixels (Shift: five times that). */
export const NUDGE_PX = 10;

// A drawn pin rather than Leaflet's default PNG icon, whose image URLs bundlers break.
const PIN_ICON = L.divIcon({
  className: 'map-pin',
  html:
    '<svg viewBox="0 0 24 34" width="28" height="40" aria-hidden="true" focusable="false">' +
    '<path d="M12 0C5.4 0 0 5.3 0 11.9 0 20.8 12 34 12 34s12-13.2 12-22.1C24 5.3 18.6 0 12 0z" fill="#d63384" stroke="#fff" stroke-width="1.5"/>' +
    '<circle cx="12" cy="12" r="4.5" fill="#fff"/></svg>',
  iconSize: [28, 40],
  iconAnchor: [14, 40],
});

/** Plain grid squares drawn in the page: the map's background when no tile server answers. */
const OfflineGrid = L.GridLayer.extend({
  createTile() {
    const tile = document.createElement('div');
    tile.className = 'map-grid-tile';
    return tile;
  },
}) as new (options?: L.GridLayerOptions) => L.GridLayer;

const ARROWS: Record<string, [number, number]> = {
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
};

function toLatLon(point: L.LatLng): LatLon {
  const p = point.wrap();
  return { latitude: roundCoordinate(Math.max(-90, Math.min(90, p.lat))), longitude: roundCoordinate(p.lng) };
}

/** Why the map has no tiles: none configured, or the tile server did not answer. */
export type MapOffline = 'unconfigured' | 'failed' | null;

const OFFLINE_REASON: Record<Exclude<MapOffline, null>, string> = {
  unconfigured: 'no map tiles are configured',
  failed: 'the map tiles could not load',
};

/**
 * A Leaflet map with one pin that says where an address is: clicking the map moves the pin,
 * the pin can be dragged, and with the keyboard the focused pin moves with the arrow keys (or
 * goes to the map's centre with the button). Without tiles (none configured, or they fail to
 * load) it shows a grid around the same place and says the map is offline; placing the pin
 * works the same, and nothing waits for tiles.
 */
export function MapPicker({
  value,
  onChange,
  tiles = MAP_TILES,
  describedBy,
}: {
  /** The pin; null: none placed yet (the map opens on the demo city with the pin at its centre). */
  value: LatLon | null;
  onChange: (position: LatLon) => void;
  tiles?: MapTiles;
  /** The id of a message about the pin (e.g. a validation error) for the pin to announce. */
  describedBy?: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const pin = useRef<L.Marker | null>(null);
  const emit = useRef(onChange);
  const [offline, setOffline] = useState<MapOffline>(tiles.url ? null : 'unconfigured');
  const helpId = useId();
  const start = value ?? CITY.centre;

  useEffect(() => {
    emit.current = onChange;
  });

  // The map is made once; the pin follows `value` below.
  useEffect(() => {
    const m = L.map(container.current!, { center: [start.latitude, start.longitude], zoom: ZOOM, keyboard: true });
    new OfflineGrid({ zIndex: 0 }).addTo(m);
    const marker = L.marker([start.latitude, start.longitude], {
      icon: PIN_ICON,
      draggable: true,
      keyboard: true,
      autoPanOnFocus: true,
    }).addTo(m);
    const place = (point: L.LatLng) => emit.current(toLatLon(point));
    m.on('click', (e: L.LeafletMouseEvent) => place(e.latlng));
    marker.on('dragend', () => place(marker.getLatLng()));
    const onKey = (e: KeyboardEvent) => {
      const step = ARROWS[e.key];
      if (!step) return;
      // The arrows move the pin, not the page or the map under it.
      e.preventDefault();
      e.stopPropagation();
      const px = NUDGE_PX * (e.shiftKey ? 5 : 1);
      const at = m.latLngToContainerPoint(marker.getLatLng()).add([step[0] * px, step[1] * px]);
      const next = m.containerPointToLatLng(at);
      m.panInside(next, { padding: [48, 48] });
      place(next);
    };
    marker.getElement()?.addEventListener('keydown', onKey);
    map.current = m;
    pin.current = marker;
    return () => {
      marker.getElement()?.removeEventListener('keydown', onKey);
      m.remove();
      map.current = null;
      pin.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!value || !pin.current) return;
    const current = pin.current.getLatLng();
    if (current.lat !== value.latitude || current.lng !== value.longitude) pin.current.setLatLng([value.latitude, value.longitude]);
  }, [value]);

  // The pin's accessible name says where it is, so moving it with the arrows is heard.
  useEffect(() => {
    const el = pin.current?.getElement();
    if (!el) return;
    el.setAttribute('aria-label', `Pin at ${formatPosition(value ?? start)}. Arrow keys move it.`);
    el.setAttribute('aria-describedby', [helpId, describedBy].filter(Boolean).join(' '));
  });

  useEffect(() => {
    const m = map.current;
    if (!m || !tiles.url || offline) return;
    let loaded = false;
    const layer = L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 19, zIndex: 1 });
    layer.on('tileload', () => {
      loaded = true;
    });
    // Once one tile has shown, a later failure is a gap, not an offline map.
    layer.on('tileerror', () => {
      if (!loaded) setOffline('failed');
    });
    layer.addTo(m);
    return () => {
      layer.remove();
    };
  }, [tiles.url, tiles.attribution, offline]);

  const toCentre = () => {
    if (map.current) emit.current(toLatLon(map.current.getCenter()));
  };

  return (
    <div>
      {offline && (
        <p className="small alert alert-secondary py-1 px-2 mb-2" role="status" data-testid="map-offline">
          The map is offline ({OFFLINE_REASON[offline]}): the grid shows the area around the pin. You can still place the
          pin.
        </p>
      )}
      <div
        ref={container}
        className="map-picker"
        role="application"
        aria-label="Map for placing the pin"
        aria-describedby={helpId}
        data-offline={offline ?? undefined}
      />
      <p id={helpId} className="form-text mb-1">
        Click the map where the entrance is, or drag the pin. With the keyboard, focus the pin and use the arrow keys
        (Shift for bigger steps).
      </p>
      <div className="d-flex flex-wrap align-items-center gap-2">
        <button type="button" className="btn btn-sm btn-outline-secondary" onClick={toCentre}>
          Put the pin at the map centre
        </button>
        <span className="small text-body-secondary" aria-live="polite" data-testid="pin-position">
          {value ? `Pin at ${formatPosition(value)}` : 'Move the pin to the address'}
        </span>
      </div>
    </div>
  );
}

export default MapPicker;
