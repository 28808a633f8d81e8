package projmap.ogc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import projmap.geo.BBox;
import projmap.http.ApiException;
import projmap.projects.ProjectStore;
import projmap.store.Dialect;
import projmap.zones.LayerSnapshots;
import projmap.zones.ZoneStore;

/**
 * OGC API – Features (Part 1 Core, GeoJSON, HTML, OpenAPI 3.0; Part 2 CRS; Part 3 CQL2 text
 * filters and queryables) under {@link Ogc#ROOT}, over the projects and every planning layer.
 * JSON or HTML by {@code f=} or else {@code Accept}. Thread-safe.
 */
public final class OgcRoutes {
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ProjectStore projects;
    private final ZoneStore zones;
    private final Dialect dialect;
    private final ItemsCache cache;
    /** The planning layers in memory, shared with the tiles and the site checks. */
    private final LayerSnapshots snapshots;

    public OgcRoutes(ProjectStore projects, ZoneStore zones, Dialect dialect) {
        this(projects, zones, dialect, ItemsCache.DEFAULT_BYTES);
    }

    /** {@code cacheBytes}: the bound of the items response cache (0: none). */
    public OgcRoutes(ProjectStore projects, ZoneStore zones, Dialect dialect, long cacheBytes) {
        this(projects, zones, new LayerSnapshots(zones), dialect, cacheBytes);
    }

    /** Reading planning layers from {@code snapshots} when they are in memory; the items cache of the default size. */
    public OgcRoutes(ProjectStore projects, ZoneStore zones, LayerSnapshots snapshots, Dialect dialect) {
        this(projects, zones, snapshots, dialect, ItemsCache.DEFAULT_BYTES);
    }

    /** Reading planning layers from {@code snapshots} when they are in memory. */
    public OgcRoutes(ProjectStore projects, ZoneStore zones, LayerSnapshots snapshots, Dialect dialect, long cacheBytes) {
        this.projects = projects;
        this.zones = zones;
        this.snapshots = snapshots;
        this.dialect = dialect;
        this.cache = new ItemsCache(cacheBytes);
    }

    // ---- resources ----------------------------------------------------------------------------

    public void landing(Context ctx) {
        String base = base(ctx);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("title", "projmap OGC API – Features");
        doc.put("description", "建设项目与规划图层 Construction projects and planning layers");
        doc.put("links", List.of(
                link(base, "", Ogc.REL_SELF, Ogc.MT_JSON, "this document"),
                link(base, "?f=html", Ogc.REL_ALTERNATE, Ogc.MT_HTML, "this document as HTML"),
                link(base, Ogc.API, Ogc.REL_SERVICE_DESC, Ogc.MT_OPENAPI, "the API definition"),
                link(base, Ogc.API + "?f=html", Ogc.REL_SERVICE_DOC, Ogc.MT_HTML, "the API documentation"),
                link(base, Ogc.CONFORMANCE, Ogc.REL_CONFORMANCE, Ogc.MT_JSON, "conformance classes"),
                link(base, Ogc.COLLECTIONS, Ogc.REL_DATA, Ogc.MT_JSON, "feature collections")));
        respond(ctx, "projmap OGC API – Features", doc);
    }

    public void conformance(Context ctx) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("links", List.of(link(base(ctx), Ogc.CONFORMANCE, Ogc.REL_SELF, Ogc.MT_JSON, "this document")));
        doc.put("conformsTo", Ogc.CONFORMS_TO);
        respond(ctx, "Conformance", doc);
    }

    public void api(Context ctx) {
        Map<String, Object> doc = OpenApi.document(base(ctx), collections().stream().map(OgcCollection::id).toList());
        if (wantsHtml(ctx)) {
            ctx.contentType(Ogc.MT_HTML + "; charset=utf-8").result(OgcHtml.page("API definition (OpenAPI 3.0)",
                    MAPPER.valueToTree(Map.of("description", "The OpenAPI 3.0 document is at " + Ogc.ROOT + Ogc.API + "?f=json",
                            "links", List.of(link(base(ctx), Ogc.API + "?f=json", Ogc.REL_SERVICE_DESC, Ogc.MT_OPENAPI, "OpenAPI 3.0 (JSON)"))))));
            return;
        }
        ctx.contentType(Ogc.MT_OPENAPI).result(bytes(doc));
    }

    public void collections(Context ctx) {
        String base = base(ctx);
        List<Object> list = new ArrayList<>();
        for (OgcCollection c : collections()) {
            list.add(describe(base, c));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("links", List.of(link(base, Ogc.COLLECTIONS, Ogc.REL_SELF, Ogc.MT_JSON, "this document"),
                link(base, Ogc.COLLECTIONS + "?f=html", Ogc.REL_ALTERNATE, Ogc.MT_HTML, "this document as HTML")));
        doc.put("collections", list);
        doc.put("crs", Ogc.CRS_SUPPORTED);
        respond(ctx, "Collections", doc);
    }

    public void collection(Context ctx) {
        OgcCollection c = collection(ctx.pathParam("collection"));
        respond(ctx, c.title(), describe(base(ctx), c));
    }

    public void queryables(Context ctx) {
        OgcCollection c = collection(ctx.pathParam("collection"));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(Ogc.GEOMETRY_PROPERTY, Map.of("format", "geometry-any", "title", "geometry"));
        c.queryables().forEach((name, q) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("title", name);
            p.put("type", q.type().equals("date") ? "string" : q.type());
            if (q.type().equals("date")) {
                p.put("format", "date");
            }
            props.put(name, p);
        });
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("$schema", "https://json-schema.org/draft/2019-09/schema");
        doc.put("$id", base(ctx) + Ogc.COLLECTIONS + "/" + c.id() + Ogc.QUERYABLES);
        doc.put("type", "object");
        doc.put("title", c.title());
        doc.put("properties", props);
        doc.put("additionalProperties", false);
        if (wantsHtml(ctx)) {
            respond(ctx, "Queryables of " + c.title(), doc);
        } else {
            ctx.contentType(Ogc.MT_SCHEMA).result(bytes(doc));
        }
    }

    public void items(Context ctx) {
        OgcCollection c = collection(ctx.pathParam("collection"));
        String base = base(ctx);
        // the whole response, keyed by the collection's change stamp and the request: a query
        // answered before is not run again until the collection changes (on any instance)
        String key = c.id() + "\n" + c.stamp() + "\n" + base + "\n" + query(ctx, Map.of());
        ItemsCache.Entry entry = cache.get(key);
        String status = "hit";
        if (entry == null) {
            ItemsQuery q = ItemsQuery.of(ctx, c, dialect);
            entry = cache.put(key, page(ctx, c, q, base));
            status = "miss";
        }
        String crs = Ogc.crsUri(ctx.queryParam(Ogc.P_CRS));
        ctx.header("X-Items-Cache", status);
        if (!wantsHtml(ctx)) {
            ctx.header("ETag", entry.etag());
            ctx.header("Cache-Control", "public, no-cache");
            if (matches(ctx.header("If-None-Match"), entry.etag())) {
                ctx.header(Ogc.HEADER_CONTENT_CRS, "<" + crs + ">");
                ctx.status(304);
                return;
            }
        }
        featureResponse(ctx, c.title(), entry.geojson(), crs);
    }

    private byte[] page(Context ctx, OgcCollection c, ItemsQuery q, String base) {
        String self = base + Ogc.COLLECTIONS + "/" + c.id() + Ogc.ITEMS;
        UnaryOperator<Geometry> axes = axes(q.crs());
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeArrayFieldStart("features");
            // a bbox and equality filters on a planning layer in memory need no SQL; anything else does
            OgcCollection.Page written = q.plain() == null ? null
                    : c.writePageFromMemory(g, q.plain(), q.limit(), q.offset(), axes);
            if (written == null) {
                written = c.writePage(g, q.where(), q.limit(), q.offset(), axes, Ogc.latLonOrder(q.crs()));
            }
            int returned = written.returned();
            g.writeEndArray();
            // counted with the page, or: a short page is the last one, so the count is known
            // without asking the database
            long matched = written.matched() >= 0 ? written.matched()
                    : returned < q.limit() && (returned > 0 || q.offset() == 0) ? q.offset() + returned : c.count(q.where());
            g.writeNumberField("numberMatched", matched);
            g.writeNumberField("numberReturned", returned);
            g.writeStringField("timeStamp", Instant.now().toString());
            g.writeArrayFieldStart("links");
            writeLink(g, self + query(ctx, Map.of()), Ogc.REL_SELF, Ogc.MT_GEOJSON, "this page");
            writeLink(g, self + query(ctx, Map.of(Ogc.P_FORMAT, Ogc.F_HTML)), Ogc.REL_ALTERNATE, Ogc.MT_HTML, "this page as HTML");
            if (q.offset() + returned < matched) {
                writeLink(g, self + query(ctx, Map.of(Ogc.P_OFFSET, String.valueOf(q.offset() + returned),
                        Ogc.P_LIMIT, String.valueOf(q.limit()))), Ogc.REL_NEXT, Ogc.MT_GEOJSON, "next page");
            }
            if (q.offset() > 0) {
                writeLink(g, self + query(ctx, Map.of(Ogc.P_OFFSET, String.valueOf(Math.max(0, q.offset() - q.limit())),
                        Ogc.P_LIMIT, String.valueOf(q.limit()))), Ogc.REL_PREV, Ogc.MT_GEOJSON, "previous page");
            }
            writeLink(g, base + Ogc.COLLECTIONS + "/" + c.id(), Ogc.REL_COLLECTION, Ogc.MT_JSON, c.title());
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String t = candidate.trim();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    public void item(Context ctx) {
        OgcCollection c = collection(ctx.pathParam("collection"));
        String fidText = ctx.pathParam("fid");
        long fid;
        try {
            fid = Long.parseLong(fidText);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("feature", fidText);
        }
        String crs = Ogc.crsUri(ctx.queryParam(Ogc.P_CRS));
        if (crs == null) {
            throw ApiException.badParameter(Ogc.P_CRS, "unsupported CRS '" + ctx.queryParam(Ogc.P_CRS) + "'");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        boolean found;
        try (JsonGenerator g = JSON.createGenerator(out)) {
            found = c.writeOne(g, fid, axes(crs));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!found) {
            throw ApiException.notFound("feature", c.id() + "/" + fidText);
        }
        featureResponse(ctx, c.title() + " " + fid, out.toByteArray(), crs);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private List<OgcCollection> collections() {
        List<OgcCollection> out = new ArrayList<>();
        out.add(new ProjectCollection(projects));
        zones.layers().forEach(l -> out.add(new ZoneCollection(zones, snapshots, l, dialect)));
        return out;
    }

    private OgcCollection collection(String id) {
        if (id.equals(ProjectCollection.ID)) {
            return new ProjectCollection(projects);
        }
        Optional<OgcCollection> zone = zones.layer(id).map(l -> new ZoneCollection(zones, snapshots, l, dialect));
        return zone.orElseThrow(() -> new ApiException(404, "not_found", "collection '" + id + "' does not exist; see "
                + Ogc.ROOT + Ogc.COLLECTIONS, Map.of("collection", id)));
    }

    private static Map<String, Object> describe(String base, OgcCollection c) {
        String self = base + Ogc.COLLECTIONS + "/" + c.id();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", c.id());
        d.put("title", c.title());
        d.put("description", c.description());
        d.put("itemType", "feature");
        BBox e = c.extent();
        if (e != null) {
            d.put("extent", Map.of("spatial", Map.of("bbox", List.of(e.toArray()), "crs", Ogc.CRS84)));
        }
        d.put("crs", Ogc.CRS_SUPPORTED);
        d.put("storageCrs", Ogc.CRS84);
        d.put("links", List.of(
                link(self, "", Ogc.REL_SELF, Ogc.MT_JSON, "this collection"),
                link(self, "?f=html", Ogc.REL_ALTERNATE, Ogc.MT_HTML, "this collection as HTML"),
                link(self, Ogc.ITEMS, Ogc.REL_ITEMS, Ogc.MT_GEOJSON, "the features"),
                link(self, Ogc.ITEMS + "?f=html", Ogc.REL_ITEMS, Ogc.MT_HTML, "the features as HTML"),
                link(self, Ogc.QUERYABLES, Ogc.REL_QUERYABLES, Ogc.MT_SCHEMA, "the queryable properties")));
        return d;
    }

    private static Map<String, Object> link(String base, String path, String rel, String type, String title) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("href", base + path);
        l.put("rel", rel);
        l.put("type", type);
        l.put("title", title);
        return l;
    }

    private static void writeLink(JsonGenerator g, String href, String rel, String type, String title) throws IOException {
        g.writeStartObject();
        g.writeStringField("href", href);
        g.writeStringField("rel", rel);
        g.writeStringField("type", type);
        g.writeStringField("title", title);
        g.writeEndObject();
    }

    /** The request's query string with some parameters replaced (f removed unless set). */
    private static String query(Context ctx, Map<String, String> replace) {
        Map<String, List<String>> params = new LinkedHashMap<>(ctx.queryParamMap());
        params.remove(Ogc.P_FORMAT);
        replace.forEach((k, v) -> params.put(k, List.of(v)));
        StringBuilder sb = new StringBuilder();
        params.forEach((k, vs) -> vs.forEach(v -> sb.append(sb.length() == 0 ? "?" : "&").append(enc(k)).append('=').append(enc(v))));
        return sb.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The absolute URL of {@link Ogc#ROOT} as the client addressed it. */
    private static String base(Context ctx) {
        return ctx.scheme() + "://" + ctx.host() + Ogc.ROOT;
    }

    static boolean wantsHtml(Context ctx) {
        String f = ctx.queryParam(Ogc.P_FORMAT);
        if (f != null) {
            if (f.equals(Ogc.F_HTML)) {
                return true;
            }
            if (f.equals(Ogc.F_JSON) || f.equals("geojson")) {
                return false;
            }
            throw new ApiException(400, "invalid_parameter", Ogc.P_FORMAT + ": expected json or html, got '" + f + "'",
                    Map.of("parameter", Ogc.P_FORMAT, "value", f));
        }
        String accept = ctx.header("Accept");
        return accept != null && accept.contains(Ogc.MT_HTML) && !accept.contains("json");
    }

    private static void respond(Context ctx, String title, Map<String, Object> doc) {
        if (wantsHtml(ctx)) {
            ctx.contentType(Ogc.MT_HTML + "; charset=utf-8").result(OgcHtml.page(title, MAPPER.valueToTree(doc)));
        } else {
            ctx.contentType(Ogc.MT_JSON).result(bytes(doc));
        }
    }

    private static void featureResponse(Context ctx, String title, byte[] geojson, String crs) {
        ctx.header(Ogc.HEADER_CONTENT_CRS, "<" + crs + ">");
        if (wantsHtml(ctx)) {
            try {
                JsonNode tree = MAPPER.readTree(geojson);
                ctx.contentType(Ogc.MT_HTML + "; charset=utf-8").result(OgcHtml.page(title, tree));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            ctx.contentType(Ogc.MT_GEOJSON).result(geojson);
        }
    }

    private static byte[] bytes(Object doc) {
        try {
            return MAPPER.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lat/lon order for the EPSG geographic CRSs (Part 2); lon/lat (unchanged) for CRS84. */
    static UnaryOperator<Geometry> axes(String crs) {
        if (!Ogc.latLonOrder(crs)) {
            return UnaryOperator.identity();
        }
        return g -> {
            Geometry swapped = g.copy();
            swapped.apply(new CoordinateSequenceFilter() {
                @Override
                public void filter(CoordinateSequence seq, int i) {
                    double x = seq.getX(i);
                    seq.setOrdinate(i, 0, seq.getY(i));
                    seq.setOrdinate(i, 1, x);
                }

                @Override
                public boolean isDone() {
                    return false;
                }

                @Override
                public boolean isGeometryChanged() {
                    return true;
                }
            });
            return swapped;
        };
    }

}
