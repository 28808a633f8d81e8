package projmap.maps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import projmap.geo.TileCoord;
import projmap.testing.FixtureCity;
import projmap.testing.Fixtures;

class VectorTileEncoderTest {
    /** The tile holding the south-west part of the fixture land-use grid. */
    static final TileCoord Z14 = tileOf(FixtureCity.LON0 + 0.01, FixtureCity.LAT0 + 0.01, 14);

    static List<VectorTileEncoder.Feature> grid(int n) {
        List<VectorTileEncoder.Feature> out = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double lon = FixtureCity.LON0 + c * FixtureCity.CELL;
                double lat = FixtureCity.LAT0 + r * FixtureCity.CELL;
                out.add(new VectorTileEncoder.Feature(r * n + c + 1,
                        Fixtures.wkt(FixtureCity.box(lon, lat, lon + FixtureCity.CELL, lat + FixtureCity.CELL)),
                        Map.of("code", "R2")));
            }
        }
        return out;
    }

    static JtsLayer decode(byte[] mvt, String layer) throws IOException {
        return MvtReader.loadMvt(new ByteArrayInputStream(mvt), new GeometryFactory(), new TagKeyValueMapConverter(false, "id"),
                MvtReader.RING_CLASSIFIER_V2_1).getLayer(layer);
    }

    @Test
    void neighbouring_parcels_keep_shared_edges_so_the_tile_has_no_gaps() throws IOException {
        for (int z : new int[] {10, 12, 14, 16}) {
            TileCoord tile = tileOf(FixtureCity.LON0 + 0.05, FixtureCity.LAT0 + 0.05, z);
            JtsLayer layer = decode(VectorTileEncoder.encode(tile, "land-use", grid(30)), "land-use");
            double sum = 0;
            List<Geometry> parts = new ArrayList<>(layer.getGeometries());
            for (Geometry g : parts) {
                assertThat(g.isValid()).as("valid polygon at z" + z).isTrue();
                sum += g.getArea();
            }
            double union = UnaryUnionOp.union(parts).getArea();
            // no overlap (sum == union) and the union is one piece without holes (no gaps)
            assertThat(sum).as("z" + z).isCloseTo(union, within(1e-6 * union));
            Geometry u = UnaryUnionOp.union(parts);
            assertThat(u.getNumGeometries()).as("z" + z).isEqualTo(1);
            assertThat(((org.locationtech.jts.geom.Polygon) u).getNumInteriorRing()).as("z" + z).isZero();
        }
    }

    @Test
    void geometry_is_clipped_to_the_tile_plus_its_buffer() throws IOException {
        JtsLayer layer = decode(VectorTileEncoder.encode(Z14, "land-use", grid(30)), "land-use");
        assertThat(layer.getGeometries()).isNotEmpty();
        for (Geometry g : layer.getGeometries()) {
            var e = g.getEnvelopeInternal();
            assertThat(e.getMinX()).isGreaterThanOrEqualTo(-VectorTileEncoder.BUFFER);
            assertThat(e.getMaxX()).isLessThanOrEqualTo(VectorTileEncoder.EXTENT + VectorTileEncoder.BUFFER);
            assertThat(e.getMinY()).isGreaterThanOrEqualTo(-VectorTileEncoder.BUFFER);
            assertThat(e.getMaxY()).isLessThanOrEqualTo(VectorTileEncoder.EXTENT + VectorTileEncoder.BUFFER);
        }
    }

    @Test
    void features_smaller_than_a_grid_cell_are_dropped_at_low_zoom() throws IOException {
        // a 2 m square: invisible at z8, kept at z18
        String wkt = FixtureCity.box(114.02, 32.98, 114.02002, 32.98002);
        var tiny = List.of(new VectorTileEncoder.Feature(1, Fixtures.wkt(wkt), Map.of()));
        assertThat(VectorTileEncoder.encode(tileOf(114.02001, 32.98001, 8), "x", tiny)).isEmpty();
        assertThat(decode(VectorTileEncoder.encode(tileOf(114.02001, 32.98001, 18), "x", tiny), "x").getGeometries()).hasSize(1);
    }

    @Test
    void attributes_and_the_feature_id_travel_in_the_tile() throws IOException {
        var f = List.of(new VectorTileEncoder.Feature(42, Fixtures.wkt("POINT (114.02 32.98)"),
                new java.util.LinkedHashMap<>(Map.of("code", "ZMD-1", "name", "中心大道", "status", "completed"))));
        JtsLayer layer = decode(VectorTileEncoder.encode(tileOf(114.02, 32.98, 15), "projects", f), "projects");
        Geometry g = layer.getGeometries().iterator().next();
        @SuppressWarnings("unchecked")
        Map<String, Object> tags = (Map<String, Object>) g.getUserData();
        assertThat(tags).containsEntry("name", "中心大道").containsEntry("status", "completed").containsEntry("id", 42L);
    }

    @Test
    void a_tile_without_features_is_empty() {
        assertThat(VectorTileEncoder.encode(new TileCoord(10, 0, 0), "land-use", grid(3))).isEmpty();
    }

    static TileCoord tileOf(double lon, double lat, int z) {
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        return new TileCoord(z, x, y);
    }
}
