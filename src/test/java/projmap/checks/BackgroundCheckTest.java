package projmap.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import projmap.projects.Category;
import projmap.projects.Project;
import projmap.projects.ProjectStore;
import projmap.testing.Fixtures;
import projmap.testing.StoreKind;
import projmap.testing.TestServer;
import projmap.zones.ZoneFeature;
import projmap.zones.ZoneStore;

/**
 * With background checks on (the server's default), stored checks follow the data without anyone
 * asking: after start-up, after a project edit and after a new layer version — on both stores. The
 * test reads {@code site_checks} directly so that no API call triggers the re-check itself.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackgroundCheckTest {
    @Parameter
    StoreKind kind;

    TestServer server;
    final List<Project> projects = new ArrayList<>();

    @BeforeParameterizedClassInvocation
    void start(StoreKind kind) {
        this.kind = kind;
        projects.clear();
        server = TestServer.start(kind, c -> c.withChecks(c.checks().withBackground(true)), db -> {
            CheckFixtures.load(db);
            projects.addAll(new ProjectStore(db).insertAll(List.of(
                    CheckFixtures.project("B-1", Category.PARKS, CheckApiTest.PARK_ON_INDUSTRY),
                    CheckFixtures.project("B-2", Category.RENEWAL, CheckApiTest.RENEWAL_ON_HOUSING)), "test"));
        });
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void every_project_is_checked_after_start_up() {
        await("both projects checked after start-up", () -> stored("B-1") != null && stored("B-2") != null);
        assertThat(stored("B-1").version()).isEqualTo(projects.get(0).version());
    }

    @Test
    @Order(2)
    void an_edited_project_is_checked_again() {
        Project p = projects.get(0);
        ProjectStore store = new ProjectStore(server.app().database());
        Project moved = store.update(p.id(), p.version(),
                CheckFixtures.project("B-1", Category.PARKS, CheckApiTest.RENEWAL_ON_HOUSING), "test").orElseThrow();
        await("B-1 re-checked at version " + moved.version(), () -> stored("B-1").version() == moved.version());
    }

    @Test
    @Order(3)
    void a_new_layer_version_checks_every_project_again() {
        ZoneStore zones = new ZoneStore(server.app().database());
        var farmland = zones.layer("basic-farmland").orElseThrow();
        List<ZoneFeature> features = new ArrayList<>(CheckFixtures.farmland());
        features.add(CheckFixtures.feature("basic-farmland", "FL-BG", "新划入图斑", Fixtures.wkt(CheckApiTest.RENEWAL_ON_HOUSING)));
        String hash = zones.replace(farmland, features).contentHash();
        await("B-2 re-checked against farmland " + hash, () -> stored("B-2").layerHashes().contains(hash));
        assertThat(stored("B-2").overall()).isEqualTo("fail");
    }

    record Stored(int version, String layerHashes, String overall) {
    }

    Stored stored(String code) {
        return server.app().database().read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT s.project_version, s.layer_hashes, s.overall"
                    + " FROM site_checks s JOIN projects p ON p.id = s.project_id WHERE p.code = ?")) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Stored(rs.getInt(1), rs.getString(2), rs.getString(3)) : null;
                }
            }
        });
    }

    static void await(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.get()) {
                    return;
                }
            } catch (NullPointerException notYet) {
                // no stored check yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting: " + what);
    }
}
