package projmap.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * A signed-in client of a {@link TestServer}: logs in with a password and then sends the session
 * cookie and the CSRF token as a browser page would, or uses an API token like a script.
 */
public final class TestSession {
    private final TestServer server;
    private final String cookie;
    private final String csrf;
    private final String bearer;

    private TestSession(TestServer server, String cookie, String csrf, String bearer) {
        this.server = server;
        this.cookie = cookie;
        this.csrf = csrf;
        this.bearer = bearer;
    }

    /** Logs in; fails the test when the log-in does not succeed. */
    public static TestSession login(TestServer server, String username, String password) {
        HttpResponse<String> r = loginResponse(server, username, password);
        if (r.statusCode() != 200) {
            throw new AssertionError("log-in of " + username + " answered " + r.statusCode() + ": " + r.body());
        }
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        return new TestSession(server, cookie, TestServer.parse(r.body()).path("csrfToken").asText(), null);
    }

    public static HttpResponse<String> loginResponse(TestServer server, String username, String password) {
        String body = "{\"username\":" + quote(username) + ",\"password\":" + quote(password) + "}";
        return server.post("/api/auth/login", "application/json", body);
    }

    /** A client that sends only {@code Authorization: Bearer token}. */
    public static TestSession token(TestServer server, String token) {
        return new TestSession(server, null, null, token);
    }

    public static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public String csrf() {
        return csrf;
    }

    public String cookie() {
        return cookie;
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, null, Map.of());
    }

    /** GET of bytes (an image) with the session cookie or bearer token. */
    public HttpResponse<byte[]> getBytes(String path) {
        Map<String, String> headers = new java.util.HashMap<>();
        if (cookie != null) {
            headers.put("Cookie", cookie);
        }
        if (bearer != null) {
            headers.put("Authorization", "Bearer " + bearer);
        }
        return server.getBytes(path, headers);
    }

    public JsonNode json(String path) {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return TestServer.parse(r.body());
    }

    public HttpResponse<String> post(String path, String json) {
        return send("POST", path, json, Map.of());
    }

    public HttpResponse<String> put(String path, String json, String ifMatch) {
        return send("PUT", path, json, ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    public HttpResponse<String> delete(String path, String ifMatch) {
        return send("DELETE", path, null, ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    /** Sends with the session cookie and CSRF token (or the bearer token); extra headers win. */
    public HttpResponse<String> send(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (csrf != null && !headers.containsKey("X-CSRF-Token")) {
            b.header("X-CSRF-Token", csrf);
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach((k, v) -> {
            if (v != null) {
                b.header(k, v);
            }
        });
        return server.send(b.build());
    }

    /** The same request without the CSRF header, as a forged cross-site request would be. */
    public HttpResponse<String> sendWithoutCsrf(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.header("Cookie", cookie);
        headers.forEach(b::header);
        return server.send(b.build());
    }
}
