package projmap.ogc;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import projmap.geo.BBox;
import projmap.http.ApiException;
import projmap.projects.ProjectStore.Queryable;
import projmap.store.Dialect;
import projmap.store.SqlFilter;

/**
 * The parameters of one items request, read and checked: paging, bbox (in its bbox-crs), output
 * CRS, datetime, equality filters on queryables, and a CQL2 filter — combined into one
 * {@link SqlFilter}. Every problem is a 400 naming the parameter. {@code plain} is the same
 * selection in a form that can be answered without SQL, or null when it cannot (a CQL2 filter,
 * a datetime the collection filters by).
 */
record ItemsQuery(int limit, long offset, String crs, SqlFilter where, Plain plain) {

    /**
     * A selection of a bbox (lon/lat; null: none) and equality filters, queryable → the values any
     * of which it may have (as the SQL path's {@code IN}: Long for integers, String for strings …).
     */
    record Plain(BBox bbox, Map<String, java.util.Set<Object>> equal) {
    }

    static ItemsQuery of(Context ctx, OgcCollection collection, Dialect dialect) {
        return of(new Params(ctx.queryParamMap()), collection, dialect);
    }

    /** The request's query parameters by name (the first value of each, or all of them). */
    record Params(Map<String, List<String>> all) {
        String queryParam(String name) {
            List<String> v = all.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        Map<String, List<String>> queryParamMap() {
            return all;
        }
    }

    static ItemsQuery of(Params ctx, OgcCollection collection, Dialect dialect) {
        int limit = integer(ctx, Ogc.P_LIMIT, Ogc.DEFAULT_LIMIT, 1, Ogc.MAX_LIMIT);
        long offset = integer(ctx, Ogc.P_OFFSET, 0, 0, Integer.MAX_VALUE);
        String crs = Ogc.crsUri(ctx.queryParam(Ogc.P_CRS));
        if (crs == null) {
            throw unsupportedCrs(Ogc.P_CRS, ctx.queryParam(Ogc.P_CRS));
        }
        SqlFilter where = SqlFilter.TRUE;
        BBox plainBox = null;
        Map<String, java.util.Set<Object>> plainEqual = new LinkedHashMap<>();
        boolean plain = true;

        String bboxText = ctx.queryParam(Ogc.P_BBOX);
        if (bboxText != null && !bboxText.isBlank()) {
            String bboxCrs = Ogc.crsUri(ctx.queryParam(Ogc.P_BBOX_CRS));
            if (bboxCrs == null) {
                throw unsupportedCrs(Ogc.P_BBOX_CRS, ctx.queryParam(Ogc.P_BBOX_CRS));
            }
            BBox bbox = bbox(bboxText, Ogc.latLonOrder(bboxCrs));
            plainBox = bbox;
            // && lets the index find candidates; ST_Intersects gives the OGC answer (geometry meets the box).
            // On PostGIS a feature whose own box lies inside the query box meets it for sure: @ answers
            // that from the stored box, so only the features along the box's edges are tested exactly
            // (most of a page, and a third of the database's time for it)
            String box = dialect.envelopeParam();
            String sql = dialect == Dialect.POSTGIS
                    ? "geom && " + box + " AND (geom @ " + box + " OR ST_Intersects(geom, " + box + "))"
                    : "geom && " + box + " AND ST_Intersects(geom, " + box + ")";
            List<Object> p = new ArrayList<>();
            for (int i = 0; i < (dialect == Dialect.POSTGIS ? 3 : 2); i++) {
                for (double v : bbox.toArray()) {
                    p.add(v);
                }
            }
            where = where.and(SqlFilter.byBox(sql, p));
        }

        String datetime = ctx.queryParam(Ogc.P_DATETIME);
        if (datetime != null && !datetime.isBlank()) {
            LocalDate[] range = interval(datetime);
            SqlFilter during = collection.during(range[0], range[1]);
            if (during != null) {
                where = where.and(during);
                plain = false;
            }
        }

        Map<String, Queryable> queryables = collection.queryables();
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            String name = e.getKey();
            if (Ogc.RESERVED.contains(name) || !queryables.containsKey(name)) {
                continue;   // OGC API – Features: unknown parameters are ignored
            }
            SqlFilter eq = equality(name, queryables.get(name), e.getValue());
            where = where.and(eq);
            plainEqual.put(name, new java.util.HashSet<>(eq.params()));
        }

        String filter = ctx.queryParam(Ogc.P_FILTER);
        if (filter != null) {
            String lang = ctx.queryParam(Ogc.P_FILTER_LANG);
            if (lang != null && !lang.equals(Ogc.FILTER_LANG_CQL2_TEXT)) {
                throw new ApiException(400, "invalid_parameter", Ogc.P_FILTER_LANG + ": only " + Ogc.FILTER_LANG_CQL2_TEXT
                        + " is supported, got '" + lang + "'", Map.of("parameter", Ogc.P_FILTER_LANG, "value", lang));
            }
            String filterCrs = ctx.queryParam(Ogc.P_FILTER_CRS);
            if (filterCrs != null && !Ogc.CRS84.equals(Ogc.crsUri(filterCrs))) {
                throw unsupportedCrs(Ogc.P_FILTER_CRS, filterCrs);
            }
            plain = false;
            try {
                where = where.and(new Cql2Sql(queryables, dialect).compile(Cql2.parse(filter)));
            } catch (Cql2.Cql2Exception e) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("parameter", Ogc.P_FILTER);
                details.put("position", e.position());
                throw new ApiException(400, "invalid_filter", Ogc.P_FILTER + ": " + e.getMessage(), details);
            }
        }
        return new ItemsQuery(limit, offset, crs, where, plain ? new Plain(plainBox, plainEqual) : null);
    }

    private static SqlFilter equality(String name, Queryable q, List<String> values) {
        List<Object> params = new ArrayList<>();
        for (String raw : values) {
            for (String v : raw.split(",")) {
                params.add(value(name, q, v.trim()));
            }
        }
        return new SqlFilter(q.column() + " IN (" + String.join(", ", java.util.Collections.nCopies(params.size(), "?")) + ")", params);
    }

    private static Object value(String name, Queryable q, String v) {
        try {
            return switch (q.type()) {
                case "integer" -> Long.parseLong(v);
                case "number" -> new java.math.BigDecimal(v);
                case "date" -> LocalDate.parse(v);
                default -> v;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw ApiException.badParameter(name, "expected a " + q.type() + ", got '" + v + "'");
        }
    }

    static BBox bbox(String text, boolean latLon) {
        String[] parts = text.split(",");
        if (parts.length == 6) {
            // a 3D box: drop the heights
            parts = new String[] {parts[0], parts[1], parts[3], parts[4]};
        }
        if (latLon && parts.length == 4) {
            parts = new String[] {parts[1], parts[0], parts[3], parts[2]};
        }
        try {
            return BBox.parse(String.join(",", parts));
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter(Ogc.P_BBOX, e.getMessage());
        }
    }

    /** An instant or an interval {@code a/b} with {@code ..} for an open end, as dates (start, end). */
    static LocalDate[] interval(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length > 2) {
            throw ApiException.badParameter(Ogc.P_DATETIME, "expected a date or an interval start/end, got '" + text + "'");
        }
        LocalDate start = date(parts[0]);
        LocalDate end = parts.length == 2 ? date(parts[1]) : start;
        if (start != null && end != null && start.isAfter(end)) {
            throw ApiException.badParameter(Ogc.P_DATETIME, "the interval ends before it starts: '" + text + "'");
        }
        return new LocalDate[] {start, end};
    }

    private static LocalDate date(String s) {
        String v = s.trim();
        if (v.isEmpty() || v.equals("..")) {
            return null;
        }
        try {
            return v.length() > 10 ? java.time.OffsetDateTime.parse(v).toLocalDate() : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(Ogc.P_DATETIME, "'" + v + "' is not an RFC 3339 date or date-time");
        }
    }

    private static int integer(Params ctx, String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.badParameter(name, "expected a whole number from " + min + " to " + max + ", got '" + v + "'");
    }

    private static ApiException unsupportedCrs(String parameter, String value) {
        return new ApiException(400, "invalid_parameter", parameter + ": unsupported CRS '" + value + "'; supported: "
                + String.join(", ", Ogc.CRS_SUPPORTED), Map.of("parameter", parameter, "value", String.valueOf(value)));
    }
}
