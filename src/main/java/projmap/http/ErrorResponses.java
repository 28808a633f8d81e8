package projmap.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import projmap.geo.GeometryInputException;
import projmap.store.StoreUnavailableException;

/**
 * Turns every failure into the JSON error body of the public contract,
 * {@code {"error": code, "message": text, "details": {…}}}, with the right status: the caller's
 * mistakes as 4xx naming the problem, a lost database as 503, anything else as 500 without
 * internals (logged here instead).
 */
public final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    public static void register(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> write(ctx, e.status(), e.code(), e.getMessage(), e.details()));
        routes.exception(GeometryInputException.class, (e, ctx) ->
                write(ctx, 400, e.code(), e.getMessage(), Map.of("where", e.where())));
        routes.exception(JsonProcessingException.class, (e, ctx) ->
                write(ctx, 400, "invalid_json", "the request body is not valid JSON: " + e.getOriginalMessage(),
                        Map.of("line", e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                                "column", e.getLocation() == null ? 0 : e.getLocation().getColumnNr())));
        routes.exception(StoreUnavailableException.class, (e, ctx) -> {
            LOG.warn("store unavailable: {}", e.getMessage());
            ctx.header("Retry-After", "5");
            write(ctx, 503, "store_unavailable", "the database cannot be reached; try again shortly", Map.of());
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, 500, "internal_error", "the server failed to answer this request; it has been logged", Map.of());
        });
        routes.error(404, ctx -> {
            // keep the JSON error a route already wrote; replace Javalin's plain-text page
            String type = ctx.res().getContentType();
            if (type == null || !type.contains("json")) {
                write(ctx, 404, "not_found", "no such resource: " + ctx.path(), Map.of("path", ctx.path()));
            }
        });
        routes.error(405, ctx -> write(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path(),
                Map.of("path", ctx.path())));
    }

    public static void write(Context ctx, int status, String code, String message, Map<String, Object> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        body.put("details", details);
        ctx.status(status).json(body);
    }
}
