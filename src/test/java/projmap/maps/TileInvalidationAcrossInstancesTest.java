package projmap.maps;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Geometry;
import projmap.App;
import projmap.geo.TileCoord;
import projmap.projects.Project;
import projmap.projects.ProjectStatus;
import projmap.projects.ProjectStore;
import projmap.store.Database;
import projmap.testing.FixtureCity;
import projmap.testing.Fixtures;
import projmap.testing.StoreKind;
import projmap.testing.TestDatabase;
import projmap.zones.ZoneFeature;
import projmap.zones.ZoneStore;

/**
 * Two app instances on one PostGIS database: an edit made through one drops the other's cached
 * tiles (store/PgChangeRelay, LISTEN/NOTIFY). PostGIS only: the embedded H2GIS file belongs to
 * one process, so there is no second instance to tell.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TileInvalidationAcrossInstancesTest {
    private final HttpClient client = HttpClient.newHttpClient();
    TestDatabase testDb;
    App a;
    App b;

    @BeforeAll
    void start() {
        testDb = TestDatabase.create(StoreKind.POSTGIS);
        Database dbA = testDb.open();
        FixtureCity.seed(dbA);
        a = App.start(testDb.config().withPort(0), dbA);
        b = App.start(testDb.config().withPort(0), testDb.open());
        await(() -> a.database().changes().listening() && b.database().changes().listening(), "both relays listening");
    }

    @AfterAll
    void stop() {
        for (App app : new App[] {a, b}) {
            if (app != null) {
                app.close();
            }
        }
        if (testDb != null) {
            testDb.close();
        }
    }

    @Test
    void a_project_edited_through_one_instance_shows_in_the_other_instances_tile() throws Exception {
        ProjectStore storeA = new ProjectStore(a.database());
        Project p = storeA.findByCode("ZMD-T-001").orElseThrow();
        var c = p.geometry().getCentroid();
        String here = TileRoutesTest.path("projects", TileRoutesTest.at(c.getX(), c.getY(), 15));
        String far = TileRoutesTest.path("land-use", TileRoutesTest.at(114.0, 32.95, 15));
        get(b, here);
        get(b, far);
        assertThat(get(b, here).headers().firstValue("X-Tile-Cache")).contains("hit");

        storeA.update(p.id(), p.version(), withStatus(p, ProjectStatus.SUSPENDED), "test");

        await(() -> get(b, here).headers().firstValue("X-Tile-Cache").orElse("").equals("miss"), "b's tile dropped");
        HttpResponse<byte[]> after = get(b, here);
        boolean seen = false;
        for (Geometry g : VectorTileEncoderTest.decode(after.body(), "projects").getGeometries()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> tags = (Map<String, Object>) g.getUserData();
            if (tags.get("code").equals("ZMD-T-001")) {
                assertThat(tags.get("status")).isEqualTo("suspended");
                seen = true;
            }
        }
        assertThat(seen).isTrue();
        assertThat(get(b, far).headers().firstValue("X-Tile-Cache")).as("a tile elsewhere stays cached").contains("hit");
    }

    @Test
    void a_layer_replaced_through_one_instance_drops_that_layer_on_the_other() {
        ZoneStore zonesA = new ZoneStore(a.database());
        var layer = zonesA.layer("demonstration-zone").orElseThrow();
        String p = TileRoutesTest.path("demonstration-zone", TileRoutesTest.at(114.05, 32.95, 13));
        String other = TileRoutesTest.path("central-urban-area", TileRoutesTest.at(114.0, 32.95, 13));
        String before = get(b, p).headers().firstValue("ETag").orElseThrow();
        get(b, other);
        assertThat(get(b, p).headers().firstValue("X-Tile-Cache")).contains("hit");

        zonesA.replace(layer, List.of(new ZoneFeature(0, layer.id(), "DZ3", "示范区（再调整）", "{}",
                Fixtures.wkt(FixtureCity.box(114.03, 32.93, 114.09, 32.98)))));

        await(() -> get(b, p).headers().firstValue("X-Tile-Cache").orElse("").equals("miss"), "b's layer tiles dropped");
        assertThat(get(b, p).headers().firstValue("ETag")).isNotEqualTo(java.util.Optional.of(before));
        assertThat(get(b, other).headers().firstValue("X-Tile-Cache")).contains("hit");
    }

    private HttpResponse<byte[]> get(App app, String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 10 s: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static Project withStatus(Project p, ProjectStatus s) {
        return new Project(p.id(), p.code(), p.name(), p.category(), p.district(), p.address(), p.department(), p.leader(),
                p.contactName(), p.contactPhone(), s, p.plannedStart(), p.plannedEnd(), p.actualStart(), p.actualEnd(),
                p.planYear(), p.totalInvestment(), p.annualPlanInvestment(), p.completedInvestment(), p.fundingMode(),
                p.landStatus(), p.landArea(), p.geometry(), p.version(), p.createdAt(), p.createdBy(), p.updatedAt(),
                p.updatedBy());
    }
}
