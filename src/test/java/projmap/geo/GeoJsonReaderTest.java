package projmap.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

class GeoJsonReaderTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final GeoJsonReader reader = new GeoJsonReader();

    Geometry read(String json) throws Exception {
        return reader.read(JSON.readTree(json));
    }

    @Test
    void reads_each_simple_type_and_a_feature() throws Exception {
        assertThat(read("{\"type\":\"Point\",\"coordinates\":[114.02,32.98]}").getGeometryType()).isEqualTo("Point");
        assertThat(read("{\"type\":\"LineString\",\"coordinates\":[[114,33],[114.1,33.1]]}").getLength()).isGreaterThan(0);
        assertThat(read("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[114,33],[114.1,33],[114.1,33.1],[114,33]]]]}")
                .getNumGeometries()).isEqualTo(1);
        assertThat(read("{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[114,33,52.5]}}")
                .getCoordinate().x).isEqualTo(114);
    }

    @Test
    void an_unclosed_ring_is_named_with_its_path() {
        assertThatThrownBy(() -> read("{\"type\":\"Polygon\",\"coordinates\":[[[114,33],[114.1,33],[114.1,33.1],[114,33.1]]]}"))
                .isInstanceOf(GeometryInputException.class)
                .hasMessageContaining("not closed")
                .satisfies(e -> assertThat(((GeometryInputException) e).where()).isEqualTo("coordinates[0]"));
    }

    @Test
    void structural_errors_say_where() {
        assertThatThrownBy(() -> read("{\"type\":\"LineString\",\"coordinates\":[[114,33],[114.1]]}"))
                .satisfies(e -> assertThat(((GeometryInputException) e).where()).isEqualTo("coordinates[1]"));
        assertThatThrownBy(() -> read("{\"type\":\"Circle\",\"coordinates\":[114,33]}"))
                .hasMessageContaining("unsupported geometry type 'Circle'");
        assertThatThrownBy(() -> read("{\"type\":\"Point\",\"coordinates\":[\"114\",33]}"))
                .satisfies(e -> assertThat(((GeometryInputException) e).code()).isEqualTo("not_finite"));
        assertThatThrownBy(() -> read("{\"type\":\"Feature\",\"geometry\":null}"))
                .satisfies(e -> assertThat(((GeometryInputException) e).code()).isEqualTo("empty_geometry"));
        assertThatThrownBy(() -> read("[1,2]")).hasMessageContaining("GeoJSON object");
    }

    @Test
    void a_self_intersecting_polygon_is_invalid_with_its_location() throws Exception {
        Geometry bowtie = read("{\"type\":\"Polygon\",\"coordinates\":[[[114,33],[114.1,33.1],[114.1,33],[114,33.1],[114,33]]]}");
        assertThatThrownBy(() -> GeometryValidator.check(bowtie))
                .isInstanceOf(GeometryInputException.class)
                .hasMessageContaining("Self-intersection")
                .hasMessageContaining("114.05");
    }

    @Test
    void projected_or_swapped_coordinates_are_refused() throws Exception {
        assertThatThrownBy(() -> GeometryValidator.check(read("{\"type\":\"Point\",\"coordinates\":[501869,3650530]}")))
                .satisfies(e -> assertThat(((GeometryInputException) e).code()).isEqualTo("out_of_range"));
        assertThatThrownBy(() -> GeometryValidator.check(read("{\"type\":\"Point\",\"coordinates\":[32.98,114.02]}")))
                .satisfies(e -> assertThat(((GeometryInputException) e).code()).isIn("out_of_range", "out_of_extent"));
    }

    @Test
    void the_writer_rounds_to_seven_decimals_and_round_trips() throws Exception {
        var out = new java.io.StringWriter();
        try (var g = JSON.getFactory().createGenerator(out)) {
            GeoJsonWriter.writeGeometry(g, read("{\"type\":\"Polygon\",\"coordinates\":[[[114.123456789,33],[114.1,33],[114.1,33.1],[114.123456789,33]]]}"));
        }
        JsonNode written = JSON.readTree(out.toString());
        assertThat(written.at("/coordinates/0/0/0").asDouble()).isEqualTo(114.1234568);
        assertThat(reader.read(written).getGeometryType()).isEqualTo("Polygon");
    }
}
