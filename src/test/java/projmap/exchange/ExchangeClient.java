package projmap.exchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import projmap.testing.TestServer;

/** Uploads files to a {@link TestServer} as a body or as multipart parts, and downloads exports. */
final class ExchangeClient {
    private final TestServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    /** Imports need a planner or admin: an API token of the first administrator. */
    private final String token;

    ExchangeClient(TestServer server) {
        this.server = server;
        var db = server.app().database();
        var users = new projmap.auth.UserStore(db);
        this.token = new projmap.auth.SessionStore(db, users, java.time.Clock.systemUTC())
                .createToken(users.findByUsername("admin").orElseThrow(), "exchange tests", null).token();
    }

    /** GET with the administrator's token (routes that need a planner, e.g. import jobs). */
    HttpResponse<String> get(String path) {
        return server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.base() + path))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    HttpResponse<String> postBody(String path, byte[] body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(server.base() + path)).header("Content-Type", contentType)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    HttpResponse<String> postFile(String path, Path file) {
        try {
            return postBody(path + (path.contains("?") ? "&" : "?") + "filename=" + file.getFileName(),
                    Files.readAllBytes(file), "application/octet-stream");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Several files as multipart parts named {@code file}. */
    HttpResponse<String> postMultipart(String path, List<Path> files) {
        String boundary = "----projmap" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (Path f : files) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + f.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.write(Files.readAllBytes(f));
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return postBody(path, body.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    byte[] download(String path) {
        HttpResponse<byte[]> r = server.getBytes(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return r.body();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
