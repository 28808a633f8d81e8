package projmap.tours;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import projmap.auth.AccessControl;
import projmap.geo.TileCoord;
import projmap.http.ApiException;
import projmap.maps.TileRoutes;
import projmap.maps.TileService;
import projmap.progress.PhotoRoutes;
import projmap.http.Params;

/**
 * HTTP for tours: the planner's {@code /api/tours…} and the public {@code /api/tour/{token}} and
 * {@code /tour/{token}} that a link opens. Parse → call → write.
 */
public final class TourRoutes {
    /** The header (or, for a plain link, the query parameter {@code pin}) that carries a tour's PIN. */
    static final String PIN_HEADER = "X-Tour-Pin";

    private final TourService service;
    private final TourAssets assets;
    private final TourBasemap basemap;
    private final ObjectMapper json;

    public TourRoutes(TourService service, TourAssets assets, TourBasemap basemap, ObjectMapper json) {
        this.service = service;
        this.assets = assets;
        this.basemap = basemap;
        this.json = json;
    }

    private static TourStore.Actor actor(Context ctx) {
        return new TourStore.Actor(AccessControl.actor(ctx), AccessControl.address(ctx));
    }

    public void delete(Context ctx) {
        service.delete(Params.id(ctx, "id"), actor(ctx));
        ctx.status(204);
    }

    public void notes(Context ctx) {
        ctx.json(service.notes(Params.id(ctx, "id")));
    }

    public void route(Context ctx) {
        ctx.json(service.route(Params.id(ctx, "id")));
    }

    /** {@code POST /api/tour/{token}/notes}: 201 for a new note, 200 when its id is known already. */
    public void addNote(Context ctx) {
        noStore(ctx);
        TourNoteStore.Added added = service.addNote(ctx.pathParam("token"), ctx.queryParam("k"), body(ctx),
                AccessControl.address(ctx));
        ctx.status(added.created() ? 201 : 200).json(Map.of("id", added.note().id(), "stop", added.note().stop(),
                "receivedAt", added.note().receivedAt().toString(), "created", added.created()));
    }

    /** {@code PUT /api/tour/{token}/notes/{note}/photo}: the image as the body; 201 stored, 200 already there. */
    public void addNotePhoto(Context ctx) {
        noStore(ctx);
        String note = ctx.pathParam("note");
        boolean created = service.addNotePhoto(ctx.pathParam("token"), ctx.queryParam("k"), note, PhotoRoutes.read(ctx),
                AccessControl.address(ctx));
        ctx.status(created ? 201 : 200).json(Map.of("id", note, "created", created));
    }

    /** {@code GET /api/tours/{id}/notes/{note}/photo[/thumbnail]}: planners only. */
    public void notePhoto(Context ctx) {
        TourNoteStore.Photo p = service.notePhoto(Params.id(ctx, "id"), ctx.pathParam("note"),
                ctx.path().endsWith("/thumbnail"));
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "private, no-cache");
        ctx.contentType(p.mediaType()).result(p.bytes());
    }

    /** {@code GET /api/tour/{token}/tiles/{layer}/{z}/{x}/{y}.mvt}: a zone tile inside the tour's area. */
    public void tile(Context ctx) {
        TileCoord coord = Params.tile(ctx);
        TileService.Tile tile = assets.tile(ctx.pathParam("token"), ctx.queryParam("k"), ctx.pathParam("layer"), coord);
        assetHeaders(ctx, tile.etag());
        if (tile.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
        } else if (tile.isEmpty()) {
            ctx.status(204);
        } else {
            ctx.contentType(TileRoutes.MVT).result(tile.bytes());
        }
    }

    /** {@code GET /api/tour/{token}/basemap/{z}/{x}/{y}}: a basemap tile of the tour's area, when allowed. */
    public void basemapTile(Context ctx) {
        TileCoord coord = Params.tile(ctx);
        assets.checkBasemapTile(ctx.pathParam("token"), ctx.queryParam("k"), coord);
        TourBasemap.Tile tile = basemap.tile(coord);
        assetHeaders(ctx, null);
        ctx.contentType(tile.mediaType()).result(tile.bytes());
    }

    /** {@code GET /api/tour/{token}/photos/{n}/{k}[/thumbnail]}. */
    public void photo(Context ctx) {
        boolean thumbnail = ctx.path().endsWith("/thumbnail");
        TourAssets.Photo p = assets.photo(ctx.pathParam("token"), ctx.queryParam("k"), Params.pathNumber(ctx, "n"),
                Params.pathNumber(ctx, "photo"), thumbnail);
        assetHeaders(ctx, p.etag());
        if (p.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
        } else {
            ctx.contentType(p.mediaType()).result(p.bytes());
        }
    }

    /** Private (a link's assets are not for shared caches) and revalidated, so a re-download sees changes. */
    private static void assetHeaders(Context ctx, String etag) {
        ctx.header("Cache-Control", "private, no-cache");
        ctx.header("Referrer-Policy", "no-referrer");
        if (etag != null) {
            ctx.header("ETag", etag);
        }
    }

    public void list(Context ctx) {
        ctx.json(service.list());
    }

    public void one(Context ctx) {
        Tour t = service.get(Params.id(ctx, "id"));
        ctx.header("ETag", "\"" + t.version() + "\"").json(t);
    }

    public void create(Context ctx) {
        Tour t = service.create(body(ctx), actor(ctx));
        ctx.status(201).header("Location", "/api/tours/" + t.id()).json(t);
    }

    public void update(Context ctx) {
        Integer expected = null;
        String ifMatch = ctx.header("If-Match");
        if (ifMatch != null) {
            try {
                expected = Integer.parseInt(ifMatch.replace("W/", "").replace("\"", "").strip());
            } catch (NumberFormatException e) {
                throw ApiException.badParameter("If-Match", "expected the tour's ETag");
            }
        }
        Tour t = service.update(Params.id(ctx, "id"), expected, body(ctx), actor(ctx));
        ctx.header("ETag", "\"" + t.version() + "\"").json(t);
    }

    public void publish(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        JsonNode body = bytes.length == 0 ? null : read(bytes);
        ctx.status(201).json(service.publish(Params.id(ctx, "id"), body, actor(ctx)));
    }

    public void revoke(Context ctx) {
        ctx.json(Map.of("revoked", service.revoke(Params.id(ctx, "id"), actor(ctx))));
    }

    /** {@code GET /api/tour/{token}}: the tour document; never cached by shared caches. */
    public void open(Context ctx) {
        String pin = ctx.header(PIN_HEADER);
        if (pin == null) {
            pin = ctx.queryParam("pin");
        }
        noStore(ctx);
        ctx.json(service.open(ctx.pathParam("token"), pin));
    }

    /**
     * {@code GET /tour/{token}}: the tablet page for a live link; a clear page (404 or 410) for an
     * unknown, expired or revoked one.
     */
    public void page(Context ctx) throws IOException {
        noStore(ctx);
        try {
            service.link(ctx.pathParam("token"));
        } catch (ApiException e) {
            String zh = e.status() == 410 ? (e.code().equals("link_revoked") ? "此观摩链接已被撤销" : "此观摩链接已过期")
                    : "找不到此观摩链接";
            String en = e.status() == 410 ? (e.code().equals("link_revoked") ? "This tour link has been withdrawn."
                    : "This tour link has expired.") : "No such tour link.";
            ctx.status(e.status()).contentType("text/html; charset=utf-8").result("""
                    <!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
                    <meta name="viewport" content="width=device-width, initial-scale=1">
                    <title>%s</title><style>body{font:24px/1.5 system-ui,sans-serif;background:#000;color:#fff;
                    display:flex;align-items:center;justify-content:center;min-height:100vh;margin:0;text-align:center}
                    p{margin:.5em 1em}</style></head><body><main id="tour-gone" data-error="%s">
                    <h1>%s</h1><p lang="en">%s</p><p>请向组织者索取新链接 · Ask the organiser for a new link.</p>
                    </main></body></html>""".formatted(zh, e.code(), zh, en));
            return;
        }
        try (InputStream in = TourRoutes.class.getResourceAsStream("/web/tour.html")) {
            if (in == null) {
                throw ApiException.notFound("page", "tour.html");
            }
            ctx.contentType("text/html; charset=utf-8").result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        // a link must not leak through the Referer of any request the page makes
        ctx.header("Referrer-Policy", "no-referrer");
    }

    private static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Robots-Tag", "noindex");
    }

    private JsonNode body(Context ctx) {
        return read(ctx.bodyAsBytes());
    }

    private JsonNode read(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "invalid_json", "the request body is not valid JSON: " + e.getOriginalMessage(),
                    Map.of());
        } catch (IOException e) {
            throw new ApiException(400, "invalid_json", "the request body cannot be read", Map.of());
        }
    }
}
