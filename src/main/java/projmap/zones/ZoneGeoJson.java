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

    /** The properties object's fields (without braces), shared with OGC API items; the caller closes it next. */
    public static void writeProperties(JsonGenerator g, ZoneFeature f) throws IOException {
        writeProperties(g, f.id(), f.layerId(), f.code(), f.name(), f.attributes());
    }

    /**
     * As {@link #writeProperties(JsonGenerator, ZoneFeature)}, from the columns (a row read without
     * its geometry object). The last members of the properties object: the caller closes it next.
     */
    public static void writeProperties(JsonGenerator g, long id, String layerId, String code, String name, String attributes)
            throws IOException {
        g.writeNumberField("id", id);
        g.writeStringField("layer", layerId);
        g.writeStringField("code", code);
        g.writeStringField("name", name);
        if (attributes != null && attributes.length() > 2) {
            if (attributes.charAt(0) == '{' && attributes.charAt(attributes.length() - 1) == '}'
                    && !mayRepeatOurMembers(attributes)) {
                // stored attributes are a JSON object (written by us, or jsonb's text): its members go
                // in as they are, after ours — the properties object ends after them, so the
                // generator need not know them (this runs for every feature of an OGC items page)
                if (!attributes.substring(1, attributes.length() - 1).isBlank()) {
                    g.writeRaw(',');
                    g.writeRaw(attributes, 1, attributes.length() - 2);
                }
                return;
            }
            // otherwise copied token by token, leaving out members that would repeat ours
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

    /** Whether the text may hold a member named like ours (a cheap test: a value equal to a name counts too). */
    private static boolean mayRepeatOurMembers(String attributes) {
        return attributes.contains("\"id\"") || attributes.contains("\"code\"") || attributes.contains("\"name\"")
                || attributes.contains("\"layer\"");
    }
}
