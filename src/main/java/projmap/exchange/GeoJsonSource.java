package projmap.exchange;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import projmap.geo.CrsResolver;
import projmap.geo.GeoJsonReader;
import projmap.geo.GeometryInputException;

/**
 * Reads a GeoJSON FeatureCollection, Feature or bare geometry, streaming the features one by one
 * so that a large collection is never held as one tree. The legacy {@code crs} member (GeoJSON
 * 2008: {@code {"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}}}) is honoured;
 * without it the coordinates are RFC 7946 longitude/latitude. A feature whose geometry is broken
 * becomes a rejected row with the JSON path of the problem; a file whose structure is broken is
 * refused as a whole.
 */
final class GeoJsonSource {
    private static final ObjectMapper MAPPER;

    static {
        JsonFactory factory = JsonFactory.builder()
                // hostile nesting ([[[[…]]]]) must fail fast, not blow the stack
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                        .maxStringLength(10_000_000).maxNumberLength(100).build())
                .build();
        MAPPER = new ObjectMapper(factory);
    }

    private GeoJsonSource() {
    }

    static SourceData read(InputStream in, ImportLimits limits) {
        List<SourceFeature> out = new ArrayList<>();
        Integer epsg = null;
        GeoJsonReader geometries = new GeoJsonReader();
        try (JsonParser p = MAPPER.createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new FileRejectedException("empty_file", "the file is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new FileRejectedException("invalid_geojson", "a GeoJSON object is expected at the top, found " + first.asString());
            }
            String type = null;
            boolean sawFeatures = false;
            Map<String, JsonNode> rest = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals("features")) {
                    sawFeatures = true;
                    if (v != JsonToken.START_ARRAY) {
                        throw new FileRejectedException("invalid_geojson", "'features' must be an array");
                    }
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (p.currentToken() == null) {
                            throw new FileRejectedException("invalid_geojson", "the file ends inside 'features'");
                        }
                        JsonNode feature = MAPPER.readTree(p);
                        if (out.size() >= limits.maxFeatures()) {
                            throw FileRejectedException.tooLarge("the file has more than " + limits.maxFeatures() + " features");
                        }
                        out.add(feature(out.size() + 1, feature, geometries));
                    }
                } else if (field.equals("crs")) {
                    epsg = crsMember(MAPPER.readTree(p));
                } else if (field.equals("type")) {
                    type = v == JsonToken.VALUE_STRING ? p.getText() : "";
                } else {
                    rest.put(field, MAPPER.readTree(p));
                }
            }
            if (p.nextToken() != null) {
                throw new FileRejectedException("invalid_geojson", "unexpected content after the GeoJSON object");
            }
            if (type == null) {
                throw new FileRejectedException("invalid_geojson", "the object has no 'type'");
            }
            switch (type) {
                case "FeatureCollection" -> {
                    if (!sawFeatures) {
                        throw new FileRejectedException("invalid_geojson", "a FeatureCollection needs a 'features' array");
                    }
                }
                case "Feature" -> {
                    var node = MAPPER.createObjectNode();
                    rest.forEach(node::set);
                    node.put("type", "Feature");
                    out.add(feature(1, node, geometries));
                }
                case "Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon", "GeometryCollection" -> {
                    var node = MAPPER.createObjectNode();
                    rest.forEach(node::set);
                    node.put("type", type);
                    try {
                        out.add(new SourceFeature(1, new LinkedHashMap<>(), geometries.readGeometry(node, "$"), null));
                    } catch (GeometryInputException e) {
                        out.add(SourceFeature.broken(1, new LinkedHashMap<>(), e.where() + ": " + e.getMessage()));
                    }
                }
                default -> throw new FileRejectedException("invalid_geojson", "unknown GeoJSON type '" + type
                        + "' (FeatureCollection, Feature or a geometry)");
            }
        } catch (JsonProcessingException e) {
            throw new FileRejectedException("invalid_json", "the file is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new FileRejectedException("unreadable_file", "the file cannot be read: " + e.getMessage());
        }
        return new SourceData(ExchangeFormat.GEOJSON, out, epsg, "UTF-8");
    }

    private static SourceFeature feature(int row, JsonNode f, GeoJsonReader geometries) {
        if (!f.isObject() || !"Feature".equals(f.path("type").asText())) {
            return SourceFeature.broken(row, new LinkedHashMap<>(), "features[" + (row - 1) + "] is not a Feature object");
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        JsonNode props = f.get("properties");
        if (props != null && props.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                var e = it.next();
                attrs.put(e.getKey(), value(e.getValue()));
            }
        } else if (props != null && !props.isNull()) {
            return SourceFeature.broken(row, attrs, "features[" + (row - 1) + "].properties must be an object");
        }
        JsonNode g = f.get("geometry");
        if (g == null || g.isNull()) {
            return SourceFeature.broken(row, attrs, "the feature has no geometry");
        }
        try {
            return new SourceFeature(row, attrs, geometries.readGeometry(g, "features[" + (row - 1) + "].geometry"), null);
        } catch (GeometryInputException e) {
            return SourceFeature.broken(row, attrs, e.where() + ": " + e.getMessage());
        }
    }

    static Object value(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            String s = v.asText().strip();
            return s.isEmpty() ? null : s;
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().bitLength() < 63 ? (Object) v.asLong() : v.decimalValue();
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return v.toString();
    }

    private static Integer crsMember(JsonNode crs) {
        if (crs == null || crs.isNull()) {
            return null;
        }
        String name = null;
        if ("name".equals(crs.path("type").asText())) {
            name = crs.path("properties").path("name").asText(null);
        } else if ("EPSG".equalsIgnoreCase(crs.path("type").asText())) {
            name = "EPSG:" + crs.path("properties").path("code").asText();
        }
        String n = name;
        return CrsResolver.parseName(name).orElseThrow(() -> new FileRejectedException(422, "crs_required",
                "the file's 'crs' member (" + crs + ") names no EPSG CRS this server knows" + (n == null ? "" : "")
                        + "; give it with crs=EPSG:…"));
    }
}
