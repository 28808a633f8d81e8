package projmap.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import projmap.App;
import projmap.Config;

/**
 * The real server on a free loopback port, on a real store of the given kind (filled with the demo
 * city on start), and a small HTTP client for it.
 */
public final class TestServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestDatabase testDb;
    private final App app;
    private final Config config;
    private final boolean ownsStore;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(TestDatabase testDb, App app) {
        this(testDb, app, testDb.config().withPort(0), true);
    }

    private TestServer(TestDatabase testDb, App app, Config config, boolean ownsStore) {
        this.testDb = testDb;
        this.app = app;
        this.config = config;
        this.ownsStore = ownsStore;
    }

    /**
     * A second app instance on this server's store (its own pool and port), as when two instances
     * serve one database behind a load balancer. Close it before this one.
     */
    public TestServer secondInstance() {
        return new TestServer(testDb, App.start(config, projmap.store.Database.open(config, testDb.schema())), config, false);
    }

    public static TestServer start(StoreKind kind) {
        TestDatabase testDb = TestDatabase.create(kind);
        return new TestServer(testDb, App.start(testDb.config().withPort(0), testDb.open()));
    }

    /**
     * Starts the server on a store filled by {@code seed} first (instead of the demo city, which is
     * only loaded into an empty store).
     */
    public static TestServer startSeeded(StoreKind kind, java.util.function.Consumer<projmap.store.Database> seed) {
        TestDatabase testDb = TestDatabase.create(kind);
        projmap.store.Database db = testDb.open();
        seed.accept(db);
        return new TestServer(testDb, App.start(testDb.config().withPort(0), db));
    }

    /** Starts the server with a configuration derived from the test store's (e.g. through a proxy). */
    public static TestServer start(StoreKind kind, java.util.function.UnaryOperator<Config> adjust) {
        TestDatabase testDb = TestDatabase.create(kind);
        Config config = adjust.apply(testDb.config().withPort(0));
        return new TestServer(testDb, App.start(config, projmap.store.Database.open(config, testDb.schema())), config, true);
    }

    /**
     * Starts the server on a store that {@code seed} fills first (the demo city is then not
     * loaded, since the store is not empty), with an adjusted configuration.
     */
    public static TestServer start(StoreKind kind, java.util.function.UnaryOperator<Config> adjust,
                                   java.util.function.Consumer<projmap.store.Database> seed) {
        TestDatabase testDb = TestDatabase.create(kind);
        Config config = adjust.apply(testDb.config().withPort(0));
        projmap.store.Database db = projmap.store.Database.open(config, testDb.schema());
        try {
            seed.accept(db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return new TestServer(testDb, App.start(config, db), config, true);
    }

    public App app() {
        return app;
    }

    public String base() {
        return "http://127.0.0.1:" + app.port();
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build());
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).GET();
        headers.forEach(b::header);
        return send(b.build());
    }

    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<byte[]> getBytes(String path) {
        return getBytes(path, Map.of());
    }

    public HttpResponse<byte[]> getBytes(String path, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).GET();
            headers.forEach(b::header);
            return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET that must answer 200, as JSON. */
    public JsonNode json(String path) {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return parse(r.body());
    }

    public static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    @Override
    public void close() {
        app.close();
        if (ownsStore) {
            testDb.close();
        }
    }
}
