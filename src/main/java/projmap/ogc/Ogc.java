package projmap.ogc;

import java.util.List;

/**
 * The vocabulary of OGC API – Features as this server speaks it, in one place: paths, query
 * parameters, link relations, media types, CRS and conformance URIs. Nothing of it is spelled
 * inline elsewhere.
 */
public final class Ogc {
    private Ogc() {
    }

    // ---- paths (under ROOT) -------------------------------------------------------------------
    public static final String ROOT = "/ogc";
    public static final String CONFORMANCE = "/conformance";
    public static final String API = "/api";
    public static final String COLLECTIONS = "/collections";
    public static final String ITEMS = "/items";
    public static final String QUERYABLES = "/queryables";

    // ---- query parameters ---------------------------------------------------------------------
    public static final String P_LIMIT = "limit";
    public static final String P_OFFSET = "offset";
    public static final String P_BBOX = "bbox";
    public static final String P_BBOX_CRS = "bbox-crs";
    public static final String P_CRS = "crs";
    public static final String P_DATETIME = "datetime";
    public static final String P_FILTER = "filter";
    public static final String P_FILTER_LANG = "filter-lang";
    public static final String P_FILTER_CRS = "filter-crs";
    public static final String P_FORMAT = "f";
    /** Parameters with a meaning of their own; any other parameter naming a queryable is an equality filter. */
    public static final List<String> RESERVED = List.of(P_LIMIT, P_OFFSET, P_BBOX, P_BBOX_CRS, P_CRS, P_DATETIME,
            P_FILTER, P_FILTER_LANG, P_FILTER_CRS, P_FORMAT);

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 10_000;
    public static final String FILTER_LANG_CQL2_TEXT = "cql2-text";
    public static final String GEOMETRY_PROPERTY = "geometry";

    // ---- formats ------------------------------------------------------------------------------
    public static final String F_JSON = "json";
    public static final String F_HTML = "html";

    // ---- link relations -----------------------------------------------------------------------
    public static final String REL_SELF = "self";
    public static final String REL_ALTERNATE = "alternate";
    public static final String REL_NEXT = "next";
    public static final String REL_PREV = "prev";
    public static final String REL_SERVICE_DESC = "service-desc";
    public static final String REL_SERVICE_DOC = "service-doc";
    public static final String REL_CONFORMANCE = "conformance";
    public static final String REL_DATA = "data";
    public static final String REL_ITEMS = "items";
    public static final String REL_COLLECTION = "collection";
    public static final String REL_QUERYABLES = "http://www.opengis.net/def/rel/ogc/1.0/queryables";

    // ---- media types --------------------------------------------------------------------------
    public static final String MT_JSON = "application/json";
    public static final String MT_GEOJSON = "application/geo+json";
    public static final String MT_HTML = "text/html";
    public static final String MT_OPENAPI = "application/vnd.oai.openapi+json;version=3.0";
    public static final String MT_SCHEMA = "application/schema+json";

    // ---- coordinate reference systems ---------------------------------------------------------
    /** lon/lat WGS84, the default of OGC API – Features. */
    public static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    /** WGS84 in its EPSG axis order: lat, lon. */
    public static final String EPSG_4326 = "http://www.opengis.net/def/crs/EPSG/0/4326";
    /** CGCS2000 geographic, EPSG axis order lat, lon (numerically WGS84 here; see DESIGN.md). */
    public static final String EPSG_4490 = "http://www.opengis.net/def/crs/EPSG/0/4490";
    public static final List<String> CRS_SUPPORTED = List.of(CRS84, EPSG_4490, EPSG_4326);
    public static final String HEADER_CONTENT_CRS = "Content-Crs";

    // ---- conformance classes ------------------------------------------------------------------
    public static final List<String> CONFORMS_TO = List.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
            "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions");

    /** True when coordinates in {@code crs} are written latitude first. */
    public static boolean latLonOrder(String crs) {
        return EPSG_4326.equals(crs) || EPSG_4490.equals(crs);
    }

    /** Accepts the full URI or the short {@code EPSG:4490} / {@code CRS84} forms; null when unsupported. */
    public static String crsUri(String value) {
        if (value == null || value.isBlank()) {
            return CRS84;
        }
        String v = value.trim();
        if (v.startsWith("[") && v.endsWith("]")) {
            v = v.substring(1, v.length() - 1);   // safe CURIE form [EPSG:4490]
        }
        return switch (v.toUpperCase(java.util.Locale.ROOT)) {
            case "CRS84", "OGC:CRS84" -> CRS84;
            case "EPSG:4326" -> EPSG_4326;
            case "EPSG:4490" -> EPSG_4490;
            default -> CRS_SUPPORTED.contains(v) ? v : null;
        };
    }
}
