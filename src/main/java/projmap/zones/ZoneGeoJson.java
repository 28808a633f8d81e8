package projmap.zones;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import projmap.geo.GeoJsonWriter;

/** Planning-layer features as GeoJSON Features: id, code, name, and the stored attributes. */
public final class ZoneGeoJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ZoneGeoJson() {
    }

    public static void writeFeature(JsonGenerator g, ZoneFeature f) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeNumberField("id", f.id());
        g.writeFieldName("geometry");
        GeoJsonWriter.writeGeometry(g, f.geometry());
        g.writeObjectFieldStart("properties");
        writeProperties(g, f);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** The properties object's fields (without braces), shared with OGC API items. */
    public static void writeProperties(JsonGenerator g, ZoneFeature f) throws IOException {
        writeProperties(g, f.id(), f.layerId(), f.code(), f.name(), f.attributes());
    }

    /** As {@link #writeProperties(JsonGenerator, ZoneFeature)}, from the columns (a row read without its geometry object). */
    public static void writeProperties(JsonGenerator g, long id, String layerId, String code, String name, String attributes)
            throws IOException {
        g.writeNumberField("id", id);
        g.writeStringField("layer", layerId);
        g.writeStringField("code", code);
        g.writeStringField("name", name);
        if (attributes != null && attributes.length() > 2) {
            // the attributes object's members sit beside code and name; copied token by token
            // (no tree per feature: this runs for every feature of an OGC items page)
            try (JsonParser p = MAPPER.getFactory().createParser(attributes)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String member = p.currentName();
                    p.nextToken();
                    if (member.equals("id") || member.equals("code") || member.equals("name") || member.equals("layer")) {
                        p.skipChildren();
                    } else {
                        g.writeFieldName(member);
                        g.copyCurrentStructure(p);
                    }
                }
            }
        }
    }
}
