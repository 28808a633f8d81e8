package projmap.ogc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import projmap.projects.ProjectStore;
import projmap.store.Dialect;
import projmap.store.SqlFilter;

class Cql2Test {
    static SqlFilter sql(String filter) {
        return new Cql2Sql(ProjectStore.QUERYABLES, Dialect.POSTGIS).compile(Cql2.parse(filter));
    }

    @Test
    void and_of_two_equalities_becomes_two_bound_parameters() {
        SqlFilter f = sql("status='completed' AND category = 'roads'");
        assertThat(f.sql()).isEqualTo("(status = ?) AND (category = ?)");
        assertThat(f.params()).containsExactly("completed", "roads");
    }

    @Test
    void precedence_is_not_then_and_then_or() {
        assertThat(Cql2.parse("a = 1 OR b = 2 AND NOT c = 3")).isEqualTo(new Cql2.Or(List.of(
                new Cql2.Compare(new Cql2.Property("a"), Cql2.Op.EQ, new Cql2.Literal(new BigDecimal("1"))),
                new Cql2.And(List.of(
                        new Cql2.Compare(new Cql2.Property("b"), Cql2.Op.EQ, new Cql2.Literal(new BigDecimal("2"))),
                        new Cql2.Not(new Cql2.Compare(new Cql2.Property("c"), Cql2.Op.EQ, new Cql2.Literal(new BigDecimal("3")))))))));
    }

    @Test
    void advanced_comparisons_and_spatial_functions_compile() {
        assertThat(sql("name LIKE '%路%'").sql()).isEqualTo("name LIKE ? ESCAPE '\\'");
        assertThat(sql("totalInvestment BETWEEN 100 AND 2000.5").params())
                .containsExactly(new BigDecimal("100"), new BigDecimal("2000.5"));
        assertThat(sql("status NOT IN ('planned', 'preparing')").sql()).isEqualTo("status NOT IN (?, ?)");
        assertThat(sql("actualEnd IS NULL").sql()).isEqualTo("actual_end IS NULL");
        assertThat(sql("plannedStart >= DATE('2017-03-01')").params()).containsExactly(java.time.LocalDate.of(2017, 3, 1));
        assertThat(sql("planYear = 2017").params()).containsExactly(2017L);
        assertThat(sql("S_INTERSECTS(geometry, BBOX(114, 32.9, 114.1, 33))").sql()).contains("ST_Intersects(geom, ST_GeomFromWKB(?, 4326))");
        assertThat(sql("S_INTERSECTS(geometry, POINT(114.02 32.98))").params()).hasSize(2);
        assertThat(sql("\"status\" = 'a''b'").params()).containsExactly("a'b");
    }

    @Test
    void hostile_filters_never_reach_sql_as_text() {
        // a quote inside a string stays inside the bound value
        SqlFilter f = sql("name = 'x'' OR ''1''=''1'");
        assertThat(f.sql()).isEqualTo("name = ?");
        assertThat(f.params()).containsExactly("x' OR '1'='1");
        for (String hostile : List.of(
                "status = 'a'; DROP TABLE projects",
                "status = 'a' -- comment",
                "1=1) OR (1=1",
                "\"status; DROP TABLE projects\" = 'x'",
                "status = 'a' UNION SELECT password FROM users",
                "pg_sleep(10) = 1",
                "status = 1",
                "name LIKE 5",
                "code = 'x' OR id = 'abc'",
                "(".repeat(500) + "status='a'" + ")".repeat(500),
                "x".repeat(Cql2.MAX_LENGTH + 1),
                "S_INTERSECTS(geometry, POLYGON((0 0, 1 1)))",
                "status = 'unterminated",
                "")) {
            assertThatThrownBy(() -> sql(hostile)).as(hostile.length() > 60 ? hostile.substring(0, 60) : hostile)
                    .isInstanceOf(Cql2.Cql2Exception.class);
        }
    }

    @Test
    void errors_say_where_reading_stopped() {
        assertThatThrownBy(() -> Cql2.parse("status = 'a' AND")).hasMessageContaining("character");
        assertThatThrownBy(() -> sql("colour = 'red'")).hasMessageContaining("unknown property 'colour'");
    }
}
