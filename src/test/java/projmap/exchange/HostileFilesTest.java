package projmap.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import projmap.projects.ProjectStore;
import projmap.testing.StoreKind;
import projmap.testing.TestServer;
import projmap.zones.ZoneStore;

/**
 * Every file of the hostile corpus ({@code src/test/resources/exchange/hostile/manifest.tsv}, made
 * by {@code make_corpus.py} there) gets its clear 4xx with its stable error code, the server stays
 * up, and nothing is stored — on both stores.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileFilesTest {
    static final Path DIR = Path.of("src/test/resources/exchange/hostile");

    @Parameter
    StoreKind kind;

    TestServer server;
    ExchangeClient client;
    int projectsBefore;

    @BeforeParameterizedClassInvocation
    void start() {
        server = TestServer.startSeeded(kind, Seed::projects);
        client = new ExchangeClient(server);
        projectsBefore = new ProjectStore(server.app().database()).count();
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    record Entry(String file, String endpoint, String query, int status, String error, String what) {
        @Override
        public String toString() {
            return file + " (" + what + ")";
        }
    }

    static List<Entry> manifest() {
        try {
            return Files.readAllLines(DIR.resolve("manifest.tsv"), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(l -> l.split("\t", -1))
                    .map(p -> new Entry(p[0], p[1], p[2], Integer.parseInt(p[3]), p[4], p[5]))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> entries() {
        return manifest().stream().map(Arguments::of);
    }

    @Test
    void the_corpus_has_at_least_sixty_files_each_with_its_expected_error() {
        List<Entry> entries = manifest();
        assertThat(entries).hasSizeGreaterThanOrEqualTo(60);
        for (Entry e : entries) {
            assertThat(DIR.resolve(e.file())).exists();
            assertThat(e.status()).isBetween(400, 499);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void a_hostile_file_gets_its_clear_error_and_changes_nothing(Entry e) {
        String path = e.endpoint().equals("zones") ? "/api/import/zones/hostile" : "/api/import/projects";
        String query = e.query().isEmpty() ? "" : "?" + e.query();
        HttpResponse<String> r = client.postFile(path + query, DIR.resolve(e.file()));
        assertThat(r.statusCode()).as(e + ": " + r.body()).isEqualTo(e.status());
        JsonNode body = TestServer.parse(r.body());
        assertThat(body.path("error").asText()).as(e + ": " + r.body()).isEqualTo(e.error());
        assertThat(body.path("message").asText()).as("a message for a person").isNotBlank();

        assertThat(server.json("/health").path("status").asText()).isEqualTo("ok");
        assertThat(new ProjectStore(server.app().database()).count()).isEqualTo(projectsBefore);
        assertThat(new ZoneStore(server.app().database()).layer("hostile")).isEmpty();
    }
}
