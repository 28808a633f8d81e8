package projmap.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import projmap.checks.Verdicts.Compatibility;
import projmap.projects.Category;

class CompatibilityMatrixTest {
    final CompatibilityMatrix matrix = CompatibilityMatrix.defaults();

    @Test
    void every_category_has_a_judgement_for_every_major_class() {
        for (String major : new String[] {"R", "A", "B", "M", "W", "S", "U", "G", "H", "E"}) {
            for (Category c : Category.values()) {
                assertThat(matrix.classOf(major)).as(major).isNotNull();
                assertThat(matrix.judge(c, major)).as(major + " " + c).isNotNull();
            }
        }
    }

    @Test
    void a_code_is_judged_by_its_longest_row() {
        assertThat(matrix.classOf("A33").code()).isEqualTo("A33");
        assertThat(matrix.classOf("A31").code()).isEqualTo("A3");
        assertThat(matrix.classOf("G11").code()).isEqualTo("G1");
        assertThat(matrix.judge(Category.PARKS, "G1")).isEqualTo(Compatibility.COMPATIBLE);
        assertThat(matrix.judge(Category.PARKS, "M1")).isEqualTo(Compatibility.INCOMPATIBLE);
        assertThat(matrix.judge(Category.ROADS, "S1")).isEqualTo(Compatibility.COMPATIBLE);
        assertThat(matrix.judge(Category.PUBLIC_SERVICES, "A33")).isEqualTo(Compatibility.COMPATIBLE);
        assertThat(matrix.judge(Category.HERITAGE, "A7")).isEqualTo(Compatibility.COMPATIBLE);
    }

    @Test
    void an_unknown_code_needs_review() {
        assertThat(matrix.classOf("0701")).isNull();
        assertThat(matrix.judge(Category.RENEWAL, "0701")).isEqualTo(Compatibility.CONDITIONAL);
    }

    @Test
    void a_malformed_file_is_refused_with_its_line() {
        String header = "code,name_zh,name_en,roads,water_system,parks,sanitation,pipelines,sponge_city,renewal,"
                + "public_services,streetscape,transport_hubs,heritage\n";
        assertThatThrownBy(() -> CompatibilityMatrix.parse((header + "R,居住,Res,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y,X\n")
                .getBytes(StandardCharsets.UTF_8), "t.csv")).hasMessageContaining("line 2").hasMessageContaining("'X'");
        assertThatThrownBy(() -> CompatibilityMatrix.parse((header.replace("heritage", "castles") + "\n")
                .getBytes(StandardCharsets.UTF_8), "t.csv")).hasMessageContaining("unknown category 'castles'");
        assertThatThrownBy(() -> CompatibilityMatrix.parse((header + "R,居住,Res,Y,Y\n")
                .getBytes(StandardCharsets.UTF_8), "t.csv")).hasMessageContaining("expected 14 cells");
    }
}
