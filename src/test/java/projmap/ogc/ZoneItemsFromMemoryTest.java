package projmap.ogc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import projmap.store.Database;
import projmap.testing.FixtureCity;
import projmap.testing.Fixtures;
import projmap.testing.StoreKind;
import projmap.testing.TestDatabase;
import projmap.zones.LayerSnapshots;
import projmap.zones.ZoneFeature;
import projmap.zones.ZoneKind;
import projmap.zones.ZoneLayer;
import projmap.zones.ZoneStore;

/**
 * OGC items pages of a planning layer written from its in-memory snapshot equal the SQL path's:
 * the same ids in the same order, numberMatched, properties, geometries (within 1e-9), for bbox,
 * limit/offset and code filters, in both axis orders; a box that meets a feature's envelope but
 * not the feature selects nothing. Both stores.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZoneItemsFromMemoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Side of a triangle's cell, degrees; the triangles are the lower-left halves of cells 2 × apart. */
    private static final double T = 0.004;

    @Parameter
    StoreKind kind;

    TestDatabase testDb;
    Database db;
    ZoneStore zones;
    LayerSnapshots snapshots;
    LayerSnapshots none;

    @BeforeParameterizedClassInvocation
    void open() {
        testDb = TestDatabase.create(kind);
        db = testDb.open();
        FixtureCity.seed(db);
        zones = new ZoneStore(db);
        List<ZoneFeature> triangles = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            double x = FixtureCity.LON0 + (i % 20) * 2 * T;
            double y = FixtureCity.LAT0 + (i / 20) * 2 * T;
            // attributes of both kinds: written as they are, and copied member by member (a repeated "name")
            String attributes = i % 3 == 0 ? "{\"name\":\"别名\",\"far\":" + (i % 7) + "}"
                    : "{\"planNo\":\"T-" + i + "\",\"far\":2.5,\"tags\":[\"a\",{\"b\":null}]}";
            triangles.add(new ZoneFeature(0, "triangles", i % 2 == 0 ? "R2" : "B1", "三角地块 " + i, attributes,
                    Fixtures.wkt(String.format(Locale.ROOT, "POLYGON ((%.9f %.9f, %.9f %.9f, %.9f %.9f, %.9f %.9f))",
                            x, y, x + T, y, x, y + T, x, y))));
        }
        zones.replace(new ZoneLayer("triangles", "三角地块", "Triangles", ZoneKind.ZONING, "2024", "test", null, null),
                triangles);
        snapshots = new LayerSnapshots(zones);
        none = new LayerSnapshots(zones, 0);
    }

    @AfterParameterizedClassInvocation
    void close() {
        if (snapshots != null) {
            snapshots.close();
        }
        if (db != null) {
            db.close();
        }
        if (testDb != null) {
            testDb.close();
        }
    }

    @Test
    void pages_from_memory_equal_the_sql_pages_for_boxes_limits_offsets_and_codes() throws Exception {
        int compared = 0;
        int features = 0;
        for (String layerId : List.of("land-use", "triangles", "basic-farmland", "central-urban-area")) {
            ZoneLayer layer = zones.layer(layerId).orElseThrow();
            snapshots.get(layer);
            for (String bbox : new String[] {null, "113.95,32.92,114.03,32.97", "113.93,32.89,113.9413,32.8987",
                    "113.9,32.8,114.2,33.1", "113.97001,32.90003,113.97003,32.90004", "0,0,1,1"}) {
                for (String codes : new String[] {null, "R2", "B1,M1"}) {
                    for (String crs : new String[] {null, Ogc.EPSG_4490}) {
                        for (int[] page : new int[][] {{10, 0}, {1, 0}, {7, 3}, {100, 50}, {1000, 0}, {5, 10_000}}) {
                            Map<String, List<String>> params = new LinkedHashMap<>();
                            params.put("limit", List.of(String.valueOf(page[0])));
                            params.put("offset", List.of(String.valueOf(page[1])));
                            if (bbox != null) {
                                params.put("bbox", List.of(bbox));
                            }
                            if (codes != null) {
                                params.put("code", List.of(codes));
                            }
                            if (crs != null) {
                                params.put("crs", List.of(crs));
                            }
                            String what = layerId + " " + params;
                            Result memory = fromMemory(layer, params);
                            Result sql = fromSql(layer, params);
                            assertThat(memory.ids).as(what).isEqualTo(sql.ids);
                            assertThat(memory.matched).as(what).isEqualTo(sql.matched);
                            for (int i = 0; i < sql.features.size(); i++) {
                                JsonNode a = memory.features.get(i);
                                JsonNode b = sql.features.get(i);
                                assertThat(a.path("properties")).as(what).isEqualTo(b.path("properties"));
                                assertThat(a.path("geometry").path("type")).as(what).isEqualTo(b.path("geometry").path("type"));
                                sameNumbers(a.path("geometry").path("coordinates"), b.path("geometry").path("coordinates"), what);
                                features++;
                            }
                            compared++;
                        }
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(4 * 6 * 3 * 2 * 6);
        assertThat(features).isGreaterThan(2000);
    }

    @Test
    void a_box_meeting_a_features_envelope_but_not_the_feature_selects_nothing() throws Exception {
        ZoneLayer layer = zones.layer("triangles").orElseThrow();
        snapshots.get(layer);
        // the upper-right corner of the first triangle's cell: inside its envelope, off its hypotenuse
        double x = FixtureCity.LON0;
        double y = FixtureCity.LAT0;
        String outside = String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f", x + 0.8 * T, y + 0.8 * T, x + 0.95 * T, y + 0.95 * T);
        String touching = String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f", x + 0.3 * T, y + 0.3 * T, x + 0.95 * T, y + 0.95 * T);
        Result none = fromMemory(layer, Map.of("bbox", List.of(outside)));
        assertThat(none.ids).isEmpty();
        assertThat(none.matched).isZero();
        assertThat(fromSql(layer, Map.of("bbox", List.of(outside))).ids).isEmpty();
        Result one = fromMemory(layer, Map.of("bbox", List.of(touching)));
        assertThat(one.ids).hasSize(1).isEqualTo(fromSql(layer, Map.of("bbox", List.of(touching))).ids);
        assertThat(one.matched).isEqualTo(1);
    }

    @Test
    void a_new_vintage_is_in_the_next_page_and_then_served_from_memory() throws Exception {
        zones.replace(new ZoneLayer("vintages", "版本", "Vintages", ZoneKind.ZONING, "2020", "test", null, null),
                List.of(new ZoneFeature(0, "vintages", "OLD", "旧", "{}", Fixtures.wkt(FixtureCity.box(114, 33, 114.01, 33.01)))));
        // readers name the version as the store lists it (its update time as stored)
        ZoneLayer v1 = zones.layer("vintages").orElseThrow();
        snapshots.get(v1);
        Map<String, List<String>> params = Map.of("bbox", List.of("113.9,32.9,114.1,33.1"));
        assertThat(fromMemory(v1, params).features.get(0).path("properties").path("code").asText()).isEqualTo("OLD");

        ZoneLayer v2 = zones.replace(new ZoneLayer("vintages", "版本", "Vintages", ZoneKind.ZONING, "2030", "test", null, null),
                List.of(new ZoneFeature(0, "vintages", "NEW", "新", "{}", Fixtures.wkt(FixtureCity.box(114, 33, 114.01, 33.01))),
                        new ZoneFeature(0, "vintages", "NEW", "新", "{}", Fixtures.wkt(FixtureCity.box(114.02, 33, 114.03, 33.01)))));
        ZoneLayer current = zones.layer("vintages").orElseThrow();
        assertThat(current.contentHash()).isEqualTo(v2.contentHash());
        // the snapshot in memory is the old version's: the page is the SQL path's, with the new features
        ZoneCollection c = new ZoneCollection(zones, snapshots, current, db.dialect());
        ItemsQuery q = ItemsQuery.of(new ItemsQuery.Params(params), c, db.dialect());
        Result sql = fromSql(current, params);
        assertThat(sql.matched).isEqualTo(2);
        assertThat(sql.features).allSatisfy(f -> assertThat(f.path("properties").path("code").asText()).isEqualTo("NEW"));
        // ... and the new version is read in the background, then served from memory
        Result memory = null;
        for (int i = 0; i < 200 && memory == null; i++) {
            ByteArrayOutputStream probe = new ByteArrayOutputStream();
            try (JsonGenerator g = JSON.getFactory().createGenerator(probe)) {
                g.writeStartArray();
                if (c.writePageFromMemory(g, q.plain(), q.limit(), q.offset(), OgcRoutes.axes(q.crs())) != null) {
                    memory = fromMemory(current, params);
                }
            }
            Thread.sleep(50);
        }
        assertThat(memory).as("read into memory in the background").isNotNull();
        assertThat(memory.ids).isEqualTo(sql.ids);
        assertThat(memory.matched).isEqualTo(2);
    }

    @Test
    void what_memory_cannot_answer_keeps_the_sql_path() {
        ZoneLayer layer = zones.layer("triangles").orElseThrow();
        ZoneCollection c = new ZoneCollection(zones, snapshots, layer, db.dialect());
        assertThat(ItemsQuery.of(new ItemsQuery.Params(Map.of("filter", List.of("code = 'R2'"))), c, db.dialect()).plain())
                .isNull();
        assertThat(ItemsQuery.of(new ItemsQuery.Params(Map.of("bbox", List.of("113.9,32.8,114,33"),
                "code", List.of("R2"))), c, db.dialect()).plain()).isNotNull();
    }

    private record Result(List<Long> ids, long matched, List<JsonNode> features) {
    }

    private Result fromMemory(ZoneLayer layer, Map<String, List<String>> params) throws Exception {
        ZoneCollection c = new ZoneCollection(zones, snapshots, layer, db.dialect());
        ItemsQuery q = ItemsQuery.of(new ItemsQuery.Params(params), c, db.dialect());
        assertThat(q.plain()).isNotNull();
        return write(g -> c.writePageFromMemory(g, q.plain(), q.limit(), q.offset(), OgcRoutes.axes(q.crs())), c, q);
    }

    private Result fromSql(ZoneLayer layer, Map<String, List<String>> params) throws Exception {
        ZoneCollection c = new ZoneCollection(zones, none, layer, db.dialect());
        ItemsQuery q = ItemsQuery.of(new ItemsQuery.Params(params), c, db.dialect());
        assertThat(c.writePageFromMemory(new ObjectMapper().getFactory().createGenerator(new ByteArrayOutputStream()),
                q.plain(), q.limit(), q.offset(), OgcRoutes.axes(q.crs()))).as("never in memory").isNull();
        return write(g -> c.writePage(g, q.where(), q.limit(), q.offset(), OgcRoutes.axes(q.crs()),
                Ogc.latLonOrder(q.crs())), c, q);
    }

    private interface PageWriter {
        OgcCollection.Page write(JsonGenerator g) throws Exception;
    }

    private static Result write(PageWriter writer, ZoneCollection c, ItemsQuery q) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OgcCollection.Page page;
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartArray();
            page = writer.write(g);
            g.writeEndArray();
        }
        assertThat(page).isNotNull();
        // as OgcRoutes counts a page whose count the store did not give
        long matched = page.matched() >= 0 ? page.matched()
                : page.returned() < q.limit() && (page.returned() > 0 || q.offset() == 0) ? q.offset() + page.returned()
                : c.count(q.where());
        List<Long> ids = new ArrayList<>();
        List<JsonNode> features = new ArrayList<>();
        for (JsonNode f : JSON.readTree(out.toByteArray())) {
            ids.add(f.path("id").asLong());
            features.add(f);
        }
        assertThat(ids).hasSize(page.returned());
        return new Result(ids, matched, features);
    }

    private static void sameNumbers(JsonNode a, JsonNode b, String where) {
        assertThat(a.size()).as(where).isEqualTo(b.size());
        if (a.isNumber()) {
            assertThat(a.doubleValue()).as(where).isCloseTo(b.doubleValue(), within(1e-9));
            return;
        }
        for (int i = 0; i < a.size(); i++) {
            sameNumbers(a.get(i), b.get(i), where);
        }
    }
}
