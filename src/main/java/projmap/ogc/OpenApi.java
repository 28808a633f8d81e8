package projmap.ogc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The OpenAPI 3.0 definition of {@link Ogc#ROOT}, built in code from the same vocabulary as the routes. */
final class OpenApi {
    private OpenApi() {
    }

    static Map<String, Object> document(String serverUrl, List<String> collectionIds) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "projmap OGC API – Features", "version", "1.0.0",
                "description", "Construction projects and planning layers (OGC API – Features Parts 1–3)"));
        doc.put("servers", List.of(Map.of("url", serverUrl)));
        Map<String, Object> paths = new LinkedHashMap<>();
        paths.put("/", get("getLandingPage", "Landing page", List.of(ref("f")), Ogc.MT_JSON));
        paths.put(Ogc.CONFORMANCE, get("getConformanceDeclaration", "Conformance classes", List.of(ref("f")), Ogc.MT_JSON));
        paths.put(Ogc.API, get("getApiDefinition", "This document", List.of(ref("f")), Ogc.MT_OPENAPI));
        paths.put(Ogc.COLLECTIONS, get("getCollections", "Feature collections", List.of(ref("f")), Ogc.MT_JSON));
        paths.put(Ogc.COLLECTIONS + "/{collectionId}", get("describeCollection", "One collection",
                List.of(ref("collectionId"), ref("f")), Ogc.MT_JSON));
        paths.put(Ogc.COLLECTIONS + "/{collectionId}" + Ogc.QUERYABLES, get("getQueryables", "Queryable properties",
                List.of(ref("collectionId")), Ogc.MT_SCHEMA));
        paths.put(Ogc.COLLECTIONS + "/{collectionId}" + Ogc.ITEMS, get("getFeatures", "Features, filtered and paged",
                List.of(ref("collectionId"), ref(Ogc.P_LIMIT), ref(Ogc.P_OFFSET), ref(Ogc.P_BBOX), ref(Ogc.P_BBOX_CRS),
                        ref(Ogc.P_DATETIME), ref(Ogc.P_CRS), ref(Ogc.P_FILTER), ref(Ogc.P_FILTER_LANG), ref("f")), Ogc.MT_GEOJSON));
        paths.put(Ogc.COLLECTIONS + "/{collectionId}" + Ogc.ITEMS + "/{featureId}", get("getFeature", "One feature",
                List.of(ref("collectionId"), ref("featureId"), ref(Ogc.P_CRS), ref("f")), Ogc.MT_GEOJSON));
        doc.put("paths", paths);

        Map<String, Object> params = new LinkedHashMap<>();
        params.put("collectionId", param("collectionId", "path", true, Map.of("type", "string", "enum", collectionIds), "collection id"));
        params.put("featureId", param("featureId", "path", true, Map.of("type", "integer"), "feature id"));
        params.put("f", param(Ogc.P_FORMAT, "query", false, Map.of("type", "string", "enum", List.of(Ogc.F_JSON, Ogc.F_HTML)), "format"));
        params.put(Ogc.P_LIMIT, param(Ogc.P_LIMIT, "query", false, Map.of("type", "integer", "minimum", 1,
                "maximum", Ogc.MAX_LIMIT, "default", Ogc.DEFAULT_LIMIT), "page size"));
        params.put(Ogc.P_OFFSET, param(Ogc.P_OFFSET, "query", false, Map.of("type", "integer", "minimum", 0, "default", 0), "features to skip"));
        Map<String, Object> bbox = param(Ogc.P_BBOX, "query", false, Map.of("type", "array", "minItems", 4, "maxItems", 6,
                "items", Map.of("type", "number")), "minLon,minLat,maxLon,maxLat (in bbox-crs)");
        bbox.put("style", "form");
        bbox.put("explode", false);
        params.put(Ogc.P_BBOX, bbox);
        params.put(Ogc.P_BBOX_CRS, param(Ogc.P_BBOX_CRS, "query", false, Map.of("type", "string", "format", "uri",
                "enum", Ogc.CRS_SUPPORTED), "CRS of bbox"));
        params.put(Ogc.P_CRS, param(Ogc.P_CRS, "query", false, Map.of("type", "string", "format", "uri",
                "enum", Ogc.CRS_SUPPORTED), "output CRS (EPSG:4490 for CGCS2000)"));
        params.put(Ogc.P_DATETIME, param(Ogc.P_DATETIME, "query", false, Map.of("type", "string"),
                "date or interval; projects: the planned period meets it"));
        params.put(Ogc.P_FILTER, param(Ogc.P_FILTER, "query", false, Map.of("type", "string"), "CQL2 text filter"));
        params.put(Ogc.P_FILTER_LANG, param(Ogc.P_FILTER_LANG, "query", false, Map.of("type", "string",
                "enum", List.of(Ogc.FILTER_LANG_CQL2_TEXT)), "filter language"));
        doc.put("components", Map.of("parameters", params));
        return doc;
    }

    private static Map<String, Object> get(String operationId, String summary, List<Object> parameters, String mediaType) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", operationId);
        op.put("summary", summary);
        op.put("parameters", parameters);
        op.put("responses", Map.of(
                "200", Map.of("description", summary, "content", Map.of(mediaType, Map.of("schema", Map.of("type", "object")),
                        Ogc.MT_HTML, Map.of("schema", Map.of("type", "string")))),
                "400", Map.of("description", "a parameter is invalid (the body names it)"),
                "404", Map.of("description", "no such collection or feature")));
        return Map.of("get", op);
    }

    private static Object ref(String name) {
        return Map.of("$ref", "#/components/parameters/" + name);
    }

    private static Map<String, Object> param(String name, String in, boolean required, Map<String, Object> schema, String description) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("in", in);
        p.put("required", required);
        p.put("description", description);
        p.put("schema", schema);
        return p;
    }
}
