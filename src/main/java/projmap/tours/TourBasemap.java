package projmap.tours;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import projmap.geo.TileCoord;
import projmap.http.ApiException;

/**
 * Basemap tiles for a tour's offline copy, fetched from the configured basemap (PROJMAP_BASEMAP)
 * by the server, so that the tablet stores them under the tour's own address and a basemap on
 * the office network reaches a tablet that is not. Only when the basemap's terms allow keeping
 * tiles (PROJMAP_TOUR_BASEMAP_OFFLINE=true); otherwise the tablet shows the basemap online only.
 */
public final class TourBasemap {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Optional<String> template;
    private final IntSupplier localPort;
    // made on first use: building a client sets up TLS, a third of a second of a server's start on
    // two cores, for a feature most servers never use
    private HttpClient http;

    /**
     * {@code template} is the basemap URL when offline copies are allowed, else empty; a template
     * starting with "/" is on this server, at {@code localPort}.
     */
    public TourBasemap(Optional<String> template, IntSupplier localPort) {
        this.template = template;
        this.localPort = localPort;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return http;
    }

    /** Image bytes and their media type. */
    public record Tile(byte[] bytes, String mediaType) {
    }

    public Tile tile(TileCoord c) {
        String url = template.orElseThrow(() -> new ApiException(404, "no_offline_basemap",
                "no basemap may be kept offline (PROJMAP_BASEMAP with PROJMAP_TOUR_BASEMAP_OFFLINE=true)", Map.of()))
                .replace("{z}", String.valueOf(c.z())).replace("{x}", String.valueOf(c.x()))
                .replace("{y}", String.valueOf(c.y()));
        if (url.startsWith("/")) {
            url = "http://127.0.0.1:" + localPort.getAsInt() + url;
        }
        try {
            HttpResponse<byte[]> r = http().send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("User-Agent", "projmap-tour").build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new ApiException(502, "basemap_unavailable", "the basemap answered HTTP " + r.statusCode(), Map.of());
            }
            return new Tile(r.body(), r.headers().firstValue("Content-Type").orElse("image/png"));
        } catch (IOException e) {
            throw new ApiException(502, "basemap_unavailable", "the basemap cannot be reached: " + e.getMessage(), Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted", "interrupted", Map.of());
        }
    }
}
