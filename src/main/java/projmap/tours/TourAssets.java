package projmap.tours;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import projmap.geo.TileCoord;
import projmap.http.ApiException;
import projmap.maps.TileService;
import projmap.progress.PhotoStore;

/**
 * What a tour link may fetch besides its document: the vector tiles of the tour's area (also when
 * PROJMAP_PUBLIC_READ is off, since the link is the key) and the photos on its stop cards. Nothing
 * outside the tour: tiles outside {@link TourArea} and photos of other projects are a 404.
 * Thread-safe.
 */
public final class TourAssets {
    /** A tablet downloads thousands of tiles at once: the area of a tour is worked out once a minute. */
    private static final Duration AREA_TTL = Duration.ofSeconds(60);

    private final TourService tours;
    private final TileService tiles;
    private final PhotoStore photos;
    private final Clock clock;
    private final Map<String, CachedArea> areas = new ConcurrentHashMap<>();

    private record CachedArea(TourArea area, int version, Instant until) {
    }

    public TourAssets(TourService tours, TileService tiles, PhotoStore photos, Clock clock) {
        this.tours = tours;
        this.tiles = tiles;
        this.photos = photos;
        this.clock = clock;
    }

    /** A zone layer's tile for a link; the projects layer is never served through a link. */
    public TileService.Tile tile(String token, String key, String layer, TileCoord coord) {
        TourLink link = tours.resolve(token, key);
        if (layer.startsWith("projects")) {
            throw new ApiException(404, "unknown_layer", "layer: a tour link serves the planning layers only",
                    Map.of("parameter", "layer", "value", layer));
        }
        if (!area(link).allows(coord.z(), coord.x(), coord.y())) {
            throw outside(coord);
        }
        return tiles.tile(layer, coord).orElseThrow(() -> new ApiException(404, "unknown_layer",
                "layer: no tile layer '" + layer + "'", Map.of("parameter", "layer", "value", layer)));
    }

    /** Whether a basemap tile lies in the tour's area (the same area as the vector tiles). */
    public void checkBasemapTile(String token, String key, TileCoord coord) {
        if (!area(tours.resolve(token, key)).allows(coord.z(), coord.x(), coord.y())) {
            throw outside(coord);
        }
    }

    private static ApiException outside(TileCoord coord) {
        return new ApiException(404, "outside_tour", "z/x/y: tile " + coord.z() + "/" + coord.x() + "/" + coord.y()
                + " is outside this tour's area", Map.of("parameter", "z/x/y"));
    }

    /** The {@code k}-th photo (1-based) of stop {@code n} of the link's tour, or its thumbnail. */
    public Photo photo(String token, String key, int n, int k, boolean thumbnail) {
        TourLink link = tours.resolve(token, key);
        List<TourService.Stop> stops = tours.stopsOf(tours.tourOf(link));
        if (n < 1 || n > stops.size()) {
            throw new ApiException(404, "not_found", "no stop " + n + " in this tour", Map.of("parameter", "n"));
        }
        List<PhotoStore.Photo> list = tours.photosOf(stops.get(n - 1));
        if (k < 1 || k > list.size()) {
            throw new ApiException(404, "not_found", "stop " + n + " has no photo " + k, Map.of("parameter", "k"));
        }
        PhotoStore.Photo p = list.get(k - 1);
        byte[] bytes = photos.bytes(p.id(), thumbnail).orElseThrow(() ->
                new ApiException(404, "not_found", "the photo was deleted", Map.of()));
        return new Photo(bytes, thumbnail ? "image/jpeg" : p.mediaType(), "\"" + p.id() + (thumbnail ? "t" : "i") + "\"");
    }

    /** Photo bytes with their media type and a validator. */
    public record Photo(byte[] bytes, String mediaType, String etag) {
    }

    private TourArea area(TourLink link) {
        Tour tour = tours.tourOf(link);
        Instant now = clock.instant();
        CachedArea cached = areas.get(link.tokenHash());
        if (cached != null && cached.version() == tour.version() && now.isBefore(cached.until())) {
            return cached.area();
        }
        Envelope all = new Envelope();
        List<double[]> boxes = new ArrayList<>();
        for (TourService.Stop s : tours.stopsOf(tour)) {
            Geometry g = s.project().geometry();
            if (g == null || g.isEmpty()) {
                continue;
            }
            Envelope e = g.getEnvelopeInternal();
            all.expandToInclude(e);
            boxes.add(new double[] {e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()});
        }
        TourArea area = TourArea.of(all.isNull() ? null
                : new double[] {all.getMinX(), all.getMinY(), all.getMaxX(), all.getMaxY()}, boxes);
        if (areas.size() > 1000) {
            areas.clear();
        }
        areas.put(link.tokenHash(), new CachedArea(area, tour.version(), now.plus(AREA_TTL)));
        return area;
    }

}
