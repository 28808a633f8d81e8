package projmap.zones;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A feature's properties: ours first, then the stored attributes, always one valid JSON object. */
class ZoneGeoJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode properties(String attributes) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            ZoneGeoJson.writeProperties(g, 7, "landuse", "R2", "二类居住用地", attributes);
            g.writeEndObject();
        }
        return JSON.readTree(out.toString());   // throws on invalid JSON
    }

    @Test
    void stored_attributes_follow_ours() throws Exception {
        JsonNode p = properties("{\"planNo\": \"ZMD-2023-1\", \"高度\": 30, \"flags\": [1, {\"a\": null}]}");
        assertThat(p.path("id").asLong()).isEqualTo(7);
        assertThat(p.path("code").asText()).isEqualTo("R2");
        assertThat(p.path("planNo").asText()).isEqualTo("ZMD-2023-1");
        assertThat(p.path("高度").asInt()).isEqualTo(30);
        assertThat(p.path("flags").get(1).has("a")).isTrue();
    }

    @Test
    void attributes_named_like_ours_do_not_replace_ours() throws Exception {
        JsonNode p = properties("{\"code\": \"X9\", \"name\": \"旧名\", \"note\": \"keeps\"}");
        assertThat(p.path("code").asText()).isEqualTo("R2");
        assertThat(p.path("name").asText()).isEqualTo("二类居住用地");
        assertThat(p.path("note").asText()).isEqualTo("keeps");
        assertThat(p.size()).isEqualTo(5);
    }

    @Test
    void empty_or_odd_attributes_leave_valid_json() throws Exception {
        assertThat(properties("{ }").size()).isEqualTo(4);
        assertThat(properties("{}").size()).isEqualTo(4);
        assertThat(properties(null).size()).isEqualTo(4);
        assertThat(properties("[1, 2]").size()).isEqualTo(4);   // not an object: nothing added
    }
}
