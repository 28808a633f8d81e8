package projmap.maps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import projmap.geo.TileCoord;
import projmap.testing.FixtureCity;
import projmap.testing.StoreKind;
import projmap.testing.TestServer;

/** Both stores serve byte-identical tiles for the same data (the Java path is the only path). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TileParityTest {
    TestServer h2;
    TestServer pg;

    @BeforeAll
    void start() {
        pg = TestServer.startSeeded(StoreKind.POSTGIS, FixtureCity::seed);
        h2 = TestServer.startSeeded(StoreKind.H2GIS, FixtureCity::seed);
    }

    @AfterAll
    void stop() {
        for (TestServer s : new TestServer[] {h2, pg}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void both_stores_serve_identical_tiles_for_every_layer_and_zoom() throws Exception {
        int compared = 0;
        for (String layer : List.of("projects", "land-use", "basic-farmland", "central-urban-area", "urban-development-boundary")) {
            for (int z = 4; z <= 17; z++) {
                for (double[] at : new double[][] {{114.0, 32.95}, {113.93, 32.89}, {113.85, 32.82}, {114.1, 33.05}}) {
                    TileCoord t = VectorTileEncoderTest.tileOf(at[0], at[1], z);
                    String path = TileRoutesTest.path(layer, t);
                    var a = h2.getBytes(path);
                    var b = pg.getBytes(path);
                    assertThat(a.statusCode()).as(path).isEqualTo(b.statusCode());
                    assertThat(a.body()).as(path).isEqualTo(b.body());
                    if (a.statusCode() == 200) {
                        // and they decode to the same features (not just the same bytes by accident of encoding)
                        var fa = VectorTileEncoderTest.decode(a.body(), layer).getGeometries();
                        var fb = VectorTileEncoderTest.decode(b.body(), layer).getGeometries();
                        assertThat(fa).hasSameSizeAs(fb);
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(100);
        assertThat(FixtureCity.PROJECTS).isPositive();
    }
}
