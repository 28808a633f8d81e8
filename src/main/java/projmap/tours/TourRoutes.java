package projmap.tours;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import projmap.http.ApiException;
import projmap.http.Params;

/**
 * HTTP for tours: the planner's {@code /api/tours…} and the public {@code /api/tour/{token}} and
 * {@code /tour/{token}} that a link opens. Parse → call → write.
 */
public final class TourRoutes {
    /** The header (or, for a plain link, the query parameter {@code pin}) that carries a tour's PIN. */
    static final String PIN_HEADER = "X-Tour-Pin";

    private final TourService service;
    private final ObjectMapper json;

    public TourRoutes(TourService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    public void list(Context ctx) {
        ctx.json(service.list());
    }

    public void one(Context ctx) {
        Tour t = service.get(Params.id(ctx, "id"));
        ctx.header("ETag", "\"" + t.version() + "\"").json(t);
    }

    public void create(Context ctx) {
        Tour t = service.create(body(ctx), null);
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
        Tour t = service.update(Params.id(ctx, "id"), expected, body(ctx));
        ctx.header("ETag", "\"" + t.version() + "\"").json(t);
    }

    public void publish(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        JsonNode body = bytes.length == 0 ? null : read(bytes);
        ctx.status(201).json(service.publish(Params.id(ctx, "id"), body));
    }

    public void revoke(Context ctx) {
        ctx.json(Map.of("revoked", service.revoke(Params.id(ctx, "id"))));
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
