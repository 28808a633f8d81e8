package projmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import projmap.testing.StoreKind;
import projmap.testing.TcpProxy;
import projmap.testing.TestDatabase;
import projmap.testing.TestServer;

/**
 * A lost PostGIS gives 503 from /health and the API, and the server recovers by itself when the
 * database returns. (The embedded H2GIS store lives in the server's own process and cannot be
 * lost on its own, so this behaviour exists only on PostGIS.)
 */
class StoreOutageTest {
    @Test
    void a_lost_database_answers_503_and_the_server_recovers_when_it_returns() throws Exception {
        URI pg = URI.create(TestDatabase.PG_URL.substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(pg.getHost(), pg.getPort() < 0 ? 5432 : pg.getPort());
             TestServer server = TestServer.start(StoreKind.POSTGIS, c -> c.withDatabase(
                     "jdbc:postgresql://127.0.0.1:" + proxy.port() + pg.getPath(), TestDatabase.PG_USER,
                     TestDatabase.PG_PASSWORD))) {
            assertThat(server.get("/health").statusCode()).isEqualTo(200);
            assertThat(server.get("/api/projects?status=completed").statusCode()).isEqualTo(200);

            proxy.cut();
            HttpResponse<String> health = server.get("/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(TestServer.parse(health.body()).path("status").asText()).isEqualTo("unavailable");
            HttpResponse<String> api = server.get("/api/projects?status=completed");
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(TestServer.parse(api.body()).path("error").asText()).isEqualTo("store_unavailable");
            assertThat(api.headers().firstValue("Retry-After")).isPresent();

            proxy.start();
            int status = 0;
            for (int i = 0; i < 40 && status != 200; i++) {
                Thread.sleep(250);
                status = server.get("/api/projects?status=completed").statusCode();
            }
            assertThat(status).as("the API answers again once the database is back").isEqualTo(200);
            assertThat(server.get("/health").statusCode()).isEqualTo(200);
        }
    }
}
