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
        g.writeNumberField("id", f.id());
        g.writeStringField("layer", f.layerId());
        g.writeStringField("code", f.code());
        g.writeStringField("name", f.name());
        if (f.attributes() != null && f.attributes().length() > 2) {
            // the attributes object's members sit beside code and name; copied token by token
            // (no tree per feature: this runs for every feature of an OGC items page)
            try (JsonParser p = MAPPER.getFactory().createParser(f.attributes())) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (name.equals("id") || name.equals("code") || name.equals("name") || name.equals("layer")) {
                        p.skipChildren();
                    } else {
                        g.writeFieldName(name);
                        g.copyCurrentStructure(p);
                    }
                }
            }
        }
    }
}
