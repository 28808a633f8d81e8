package projmap.maps;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtEncoder;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.UserDataKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateArrays;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.Lineal;
import org.locationtech.jts.geom.Puntal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.overlayng.RingClipper;
import org.locationtech.jts.algorithm.Area;
import projmap.geo.TileCoord;
import projmap.geo.WebMercator;

/**
 * Encodes lon/lat features as one Mapbox Vector Tile 2.1 layer: projected to the tile's Web
 * Mercator square, clipped to the tile plus a buffer, snapped to a zoom-dependent grid, and
 * encoded with mapbox-vector-tile-java (which also orders polygon rings as the spec requires).
 *
 * <p>Simplification is grid snapping and nothing else, on purpose. Neighbouring land-use parcels
 * share their edges vertex for vertex; snapping maps a shared vertex to the same grid point in
 * both parcels, so the tile has no gaps or slivers between them at any zoom, which
 * Douglas–Peucker run per feature cannot promise. The grid is coarse where vertices would be
 * invisible (low zoom: half a pixel of a 512-px tile) and the full 4096 extent from z14 up, where
 * clients over-zoom the tile. Features that collapse below one grid cell are dropped: at that
 * zoom they would be invisible.
 *
 * <p>Output depends only on the input geometries and attributes (in the order given), so both
 * stores, which return identical WKB, yield byte-identical tiles. Stateless and thread-safe.
 */
public final class VectorTileEncoder {
    /** The tile's coordinate extent (MVT default, and what PostGIS {@code ST_AsMVT} uses). */
    public static final int EXTENT = 4096;
    /**
     * Clip buffer in tile units on every side: 64/4096 of a tile is 4 px of a 256-px tile, wider
     * than any stroke in the catalogue's styles, so lines and outlines never show a seam at tile
     * edges; larger buffers only cost bytes.
     */
    public static final int BUFFER = 64;

    private static final GeometryFactory TILE_FACTORY = new GeometryFactory();
    private static final MvtLayerParams PARAMS = new MvtLayerParams(EXTENT);
    /** The feature id in MVT is taken from this attribute (and the attribute is kept too). */
    static final String ID = "id";

    private VectorTileEncoder() {
    }

    /** One feature to encode: lon/lat geometry and attributes (nulls are left out). */
    public record Feature(long id, Geometry geometry, Map<String, Object> attributes) {
    }

    /** The fraction of a tile's width the database query must add on each side to see the buffer. */
    public static double queryMargin() {
        return (double) BUFFER / EXTENT;
    }

    /** Grid size in tile units at zoom z (see the class note). */
    static int grid(int z) {
        if (z >= 14) {
            return 1;
        }
        return z >= 10 ? 4 : 8;
    }

    /** Encodes the features falling in the tile; returns an empty array when none remains. */
    public static byte[] encode(TileCoord tile, String layerName, Iterable<Feature> features) {
        List<Geometry> prepared = new ArrayList<>();
        WebMercator.Box box = tile.mercatorBounds();
        int grid = grid(tile.z());
        for (Feature f : features) {
            Geometry g = toTile(f.geometry(), box, grid);
            if (g == null) {
                continue;
            }
            Map<String, Object> tags = new LinkedHashMap<>();
            tags.put(ID, f.id());
            f.attributes().forEach((k, v) -> {
                if (v != null && !k.equals(ID)) {
                    tags.put(k, v);
                }
            });
            g.setUserData(tags);
            prepared.add(g);
        }
        if (prepared.isEmpty()) {
            return new byte[0];
        }
        JtsMvt mvt = new JtsMvt(new JtsLayer(layerName, prepared, EXTENT));
        return MvtEncoder.encode(mvt, PARAMS, new UserDataKeyValueMapConverter(ID));
    }

    /** Projects, clips and snaps one lon/lat geometry into tile units (y down); null when nothing is left. */
    static Geometry toTile(Geometry lonLat, WebMercator.Box box, int grid) {
        if (lonLat == null || lonLat.isEmpty()) {
            return null;
        }
        Geometry g = TILE_FACTORY.createGeometry(lonLat);
        double sx = EXTENT / box.width();
        double sy = EXTENT / box.height();
        g.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                seq.setOrdinate(i, 0, (WebMercator.x(seq.getX(i)) - box.minX()) * sx);
                seq.setOrdinate(i, 1, (box.maxY() - WebMercator.y(seq.getY(i))) * sy);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        Envelope clip = new Envelope(-BUFFER, EXTENT + BUFFER, -BUFFER, EXTENT + BUFFER);
        Envelope env = g.getEnvelopeInternal();
        if (!clip.intersects(env)) {
            return null;
        }
        if (!clip.contains(env)) {
            if (g instanceof Puntal) {
                g = clipPoints(g, clip);
            } else if (g instanceof Polygonal) {
                g = clipPolygons(g, clip);
            } else {
                // lines (few): an exact, robust overlay
                g = OverlayNGRobust.overlay(g, TILE_FACTORY.toGeometry(clip), OverlayNG.INTERSECTION);
            }
            if (g == null || g.isEmpty()) {
                return null;
            }
        }
        return snap(g, grid);
    }

    /**
     * Clips polygons ring by ring to the rectangle (JTS's Sutherland–Hodgman {@link RingClipper}):
     * an order of magnitude cheaper than an overlay, which matters at high zoom where most parcels
     * cross the tile edge. The result may run along the clip edge twice where a concave polygon
     * left and re-entered the box; such edges lie in the buffer, outside the visible tile.
     */
    private static Geometry clipPolygons(Geometry g, Envelope clip) {
        RingClipper clipper = new RingClipper(clip);
        List<Polygon> out = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Polygon p = (Polygon) g.getGeometryN(i);
            if (!clip.intersects(p.getEnvelopeInternal())) {
                continue;
            }
            Coordinate[] shell = clipper.clip(p.getExteriorRing().getCoordinates());
            if (shell.length < 4) {
                continue;
            }
            List<LinearRing> holes = new ArrayList<>();
            for (int h = 0; h < p.getNumInteriorRing(); h++) {
                Coordinate[] hole = clipper.clip(p.getInteriorRingN(h).getCoordinates());
                if (hole.length >= 4) {
                    holes.add(TILE_FACTORY.createLinearRing(hole));
                }
            }
            out.add(TILE_FACTORY.createPolygon(TILE_FACTORY.createLinearRing(shell), holes.toArray(LinearRing[]::new)));
        }
        return out.isEmpty() ? null : TILE_FACTORY.buildGeometry(out);
    }

    private static Geometry clipPoints(Geometry g, Envelope clip) {
        List<Point> inside = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Point p = (Point) g.getGeometryN(i);
            if (clip.contains(p.getCoordinate())) {
                inside.add(p);
            }
        }
        if (inside.isEmpty()) {
            return null;
        }
        return inside.size() == 1 ? inside.get(0) : TILE_FACTORY.createMultiPoint(inside.toArray(Point[]::new));
    }

    /** Rounds every vertex to the grid, drops repeated vertices and parts that collapse. */
    private static Geometry snap(Geometry g, int grid) {
        List<Geometry> parts = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            Geometry snapped = null;
            if (part instanceof Point p) {
                snapped = TILE_FACTORY.createPoint(round(p.getCoordinate(), grid));
            } else if (part instanceof LineString line) {
                Coordinate[] c = roundAll(line.getCoordinates(), grid);
                if (c.length >= 2) {
                    snapped = TILE_FACTORY.createLineString(c);
                }
            } else if (part instanceof Polygon poly) {
                snapped = snapPolygon(poly, grid);
            }
            if (snapped != null) {
                parts.add(snapped);
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        Geometry out = TILE_FACTORY.buildGeometry(parts);
        if (out instanceof Polygonal && (collapsed(g, out) || out.getNumGeometries() > 1) && !out.isValid()) {
            // rounding that merged vertices can make a narrow polygon touch itself, and parts of a
            // multipolygon can come to overlap; MVT 2.1 wants valid polygons. A polygon whose
            // vertices all stayed distinct is not re-validated: the full check costs more than the
            // rest of the encoding, and a crossing would need two edges closer than one grid cell.
            out = GeometryFixer.fix(out);
            if (out.isEmpty() || !(out instanceof Polygonal)) {
                return null;
            }
        }
        if (out instanceof Lineal && out.getLength() == 0) {
            return null;
        }
        return out;
    }

    /** True when snapping merged or dropped vertices (or whole rings or parts). */
    private static boolean collapsed(Geometry before, Geometry after) {
        return after.getNumPoints() != before.getNumPoints();
    }

    private static Polygon snapPolygon(Polygon poly, int grid) {
        LinearRing shell = snapRing(poly.getExteriorRing().getCoordinates(), grid);
        if (shell == null) {
            return null;
        }
        List<LinearRing> holes = new ArrayList<>();
        for (int h = 0; h < poly.getNumInteriorRing(); h++) {
            LinearRing hole = snapRing(poly.getInteriorRingN(h).getCoordinates(), grid);
            if (hole != null) {
                holes.add(hole);
            }
        }
        return TILE_FACTORY.createPolygon(shell, holes.toArray(LinearRing[]::new));
    }

    /** A ring smaller than one grid cell is invisible at this zoom: dropped. */
    private static LinearRing snapRing(Coordinate[] ring, int grid) {
        Coordinate[] c = roundAll(ring, grid);
        if (c.length < 4 || Math.abs(Area.ofRingSigned(c)) < (double) grid * grid) {
            return null;
        }
        return TILE_FACTORY.createLinearRing(c);
    }

    private static Coordinate[] roundAll(Coordinate[] in, int grid) {
        Coordinate[] out = new Coordinate[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = round(in[i], grid);
        }
        return CoordinateArrays.removeRepeatedPoints(out);
    }

    private static Coordinate round(Coordinate c, int grid) {
        return new Coordinate(Math.round(c.x / grid) * (double) grid, Math.round(c.y / grid) * (double) grid);
    }
}
