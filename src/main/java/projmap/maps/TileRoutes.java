package projmap.maps;

import io.javalin.http.Context;
import java.util.Map;
import projmap.geo.TileCoord;
import projmap.http.ApiException;
import projmap.http.Params;

/**
 * Vector tiles over HTTP: {@code GET /tiles/{layer}/{z}/{x}/{y}.mvt} and {@code GET /tiles/{layer}.json}.
 *
 * <p>Every tile carries a strong {@code ETag} and {@code Cache-Control: public, no-cache}: any
 * HTTP cache may keep it but must revalidate (a cheap 304), because an edit must show on the map
 * at once. A tile without features answers 204, always (never an empty 200).
 */
public final class TileRoutes {
    public static final String MVT = "application/vnd.mapbox-vector-tile";
    static final String CACHE_CONTROL = "public, no-cache";

    private final TileService tiles;

    public TileRoutes(TileService tiles) {
        this.tiles = tiles;
    }

    public void tile(Context ctx) {
        long start = System.nanoTime();
        String layer = ctx.pathParam("layer");
        TileCoord coord = Params.tile(ctx);
        TileService.Tile tile = tiles.tile(layer, coord).orElseThrow(() -> unknownLayer(layer));
        ctx.header("ETag", tile.etag());
        ctx.header("Cache-Control", CACHE_CONTROL);
        ctx.header("Access-Control-Allow-Origin", "*");
        // for operators and benchmarks: memory cache (hit), disk cache (disk), or built now (miss)
        ctx.header("X-Tile-Cache", tile.origin().header());
        if (tile.timing() != null) {
            // handler: the whole handler up to the answer (the phases above plus what is around them)
            ctx.header("Server-Timing", tile.timing() + ", handler;dur=" + TileService.millis(System.nanoTime() - start));
        }
        if (matches(ctx.header("If-None-Match"), tile.etag())) {
            ctx.status(304);
        } else if (tile.isEmpty()) {
            ctx.status(204);
        } else {
            ctx.contentType(MVT).result(tile.bytes());
        }
    }

    public void tileJson(Context ctx) {
        String layer = ctx.pathParam("layer");
        String base = ctx.scheme() + "://" + ctx.host();
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.json(tiles.tileJson(layer, base).orElseThrow(() -> unknownLayer(layer)));
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static ApiException unknownLayer(String layer) {
        return new ApiException(404, "unknown_layer", "layer: no tile layer '" + layer + "'; see /api/layers",
                Map.of("parameter", "layer", "value", layer));
    }
}
