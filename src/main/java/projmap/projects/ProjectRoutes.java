package projmap.projects;

import io.javalin.http.Context;
import java.util.Arrays;
import projmap.http.ApiException;
import projmap.http.Params;

/** The read side of the project register over HTTP: list, one project, statistics. */
public final class ProjectRoutes {
    static final String GEOJSON = "application/geo+json; charset=utf-8";

    private final ProjectStore store;
    private final ResponseCache lists = new ResponseCache(32);

    public ProjectRoutes(ProjectStore store) {
        this.store = store;
    }

    /**
     * {@code GET /api/projects?bbox=&status=&category=&district=&department=&planYear=&q=}. The
     * answer is cached per query until any project changes, with an ETag for the client.
     */
    public void list(Context ctx) {
        ProjectQuery query = query(ctx);
        String stamp = store.changeStamp();
        String etag = "\"p-" + Integer.toHexString((stamp + "|" + query).hashCode()) + "\"";
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "no-cache");
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ResponseCache.Entry list = lists.get(stamp, query, () -> ProjectGeoJson.featureCollection(store.search(query)));
        ctx.contentType(GEOJSON).header("Vary", "Accept-Encoding");
        String accepts = ctx.header("Accept-Encoding");
        if (accepts != null && accepts.toLowerCase(java.util.Locale.ROOT).contains("gzip")) {
            // the cached gzip form, not Javalin's per-request compression
            ctx.disableCompression();
            ctx.header("Content-Encoding", "gzip").result(list.gzip());
        } else {
            ctx.result(list.body());
        }
    }

    /** {@code GET /api/projects/{id}}, with its version as {@code ETag}. */
    public void one(Context ctx) {
        long id = Params.id(ctx, "id");
        Project project = store.find(id).orElseThrow(() -> ApiException.notFound("project", id));
        ctx.header("ETag", project.etag());
        if (project.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(GEOJSON).result(ProjectGeoJson.feature(project, store.otherAttributes(id)));
    }

    /** {@code GET /api/stats}, with the same filters as the list. */
    public void stats(Context ctx) {
        ctx.json(store.stats(query(ctx)));
    }

    /** The list filters of a request; unknown codes are a 400 naming the parameter. */
    public static ProjectQuery query(Context ctx) {
        return new ProjectQuery(
                Params.bbox(ctx, "bbox"),
                Params.codes(ctx, "status", ProjectStatus::byCode,
                        Arrays.stream(ProjectStatus.values()).map(ProjectStatus::code).toList()),
                Params.codes(ctx, "category", Category::byCode,
                        Arrays.stream(Category.values()).map(Category::code).toList()),
                java.util.Set.copyOf(Params.list(ctx, "district")),
                java.util.Set.copyOf(Params.list(ctx, "department")),
                Params.integer(ctx, "planYear", 1990, 2100),
                ctx.queryParam("q"));
    }
}
