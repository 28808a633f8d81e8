package projmap.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import projmap.geo.BBox;
import projmap.store.Database;
import projmap.store.StoreException;
import projmap.testing.StoreKind;
import projmap.testing.TestDatabase;

import static projmap.testing.Fixtures.project;

@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectStoreTest {
    @Parameter
    StoreKind kind;

    TestDatabase testDb;
    Database db;
    ProjectStore store;

    @BeforeParameterizedClassInvocation
    void open() {
        testDb = TestDatabase.create(kind);
        db = testDb.open();
        store = new ProjectStore(db);
    }

    @AfterParameterizedClassInvocation
    void close() {
        if (db != null) {
            db.close();
        }
        if (testDb != null) {
            testDb.close();
        }
    }

    @BeforeEach
    void empty() {
        db.inTransaction(c -> {
            store.deleteAll(c);
            return null;
        });
    }

    List<Project> threeProjects() {
        return store.insertAll(List.of(
                project("ZMD-T-001", "驿城大道北延工程", Category.ROADS, ProjectStatus.UNDER_CONSTRUCTION, 50_000,
                        "LINESTRING (114.00 32.98, 114.03 32.99)"),
                project("ZMD-T-002", "人民公园提升改造", Category.PARKS, ProjectStatus.COMPLETED, 12_000,
                        "POLYGON ((114.02 32.97, 114.03 32.97, 114.03 32.98, 114.02 32.98, 114.02 32.97))"),
                project("ZMD-T-003", "西园街道公厕", Category.SANITATION, ProjectStatus.PLANNED, 300,
                        "POINT (114.10 33.05)")), "tester");
    }

    @Test
    void a_stored_project_reads_back_with_every_field_and_its_geometry() {
        Project stored = threeProjects().get(1);
        Project read = store.find(stored.id()).orElseThrow();
        assertThat(read.code()).isEqualTo("ZMD-T-002");
        assertThat(read.name()).isEqualTo("人民公园提升改造");
        assertThat(read.category()).isEqualTo(Category.PARKS);
        assertThat(read.status()).isEqualTo(ProjectStatus.COMPLETED);
        assertThat(read.totalInvestment()).isEqualByComparingTo("12000");
        assertThat(read.actualEnd()).hasToString("2017-10-01");
        assertThat(read.geometry().getGeometryType()).isEqualTo("Polygon");
        assertThat(read.geometry().equalsExact(stored.geometry(), 1e-12)).isTrue();
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.createdBy()).isEqualTo("tester");
    }

    @Test
    void search_filters_by_bbox_status_category_and_text() {
        threeProjects();
        assertThat(store.search(ProjectQuery.ALL)).hasSize(3);
        assertThat(codes(new ProjectQuery(new BBox(114.05, 33.0, 114.2, 33.1), null, null, null, null, null, null)))
                .containsExactly("ZMD-T-003");
        assertThat(codes(new ProjectQuery(null, Set.of(ProjectStatus.COMPLETED, ProjectStatus.PLANNED), null, null, null, null, null)))
                .containsExactly("ZMD-T-002", "ZMD-T-003");
        assertThat(codes(new ProjectQuery(null, null, Set.of(Category.ROADS), null, null, null, null)))
                .containsExactly("ZMD-T-001");
        assertThat(codes(new ProjectQuery(null, null, null, null, null, null, "公园"))).containsExactly("ZMD-T-002");
        assertThat(codes(new ProjectQuery(null, null, null, null, null, null, "t-003"))).containsExactly("ZMD-T-003");
        // LIKE wildcards typed by a user are matched literally
        assertThat(codes(new ProjectQuery(null, null, null, null, null, null, "%"))).isEmpty();
    }

    @Test
    void stats_count_started_and_completed_and_sum_money_exactly() {
        threeProjects();
        ProjectStats stats = store.stats(ProjectQuery.ALL);
        assertThat(stats.projects()).isEqualTo(3);
        assertThat(stats.totalInvestment()).isEqualByComparingTo("62300");
        assertThat(stats.started()).isEqualTo(2);
        assertThat(stats.completed()).isEqualTo(1);
        assertThat(stats.byCategory()).extracting(ProjectStats.Row::key).containsExactly("roads", "parks", "sanitation");
        assertThat(stats.byCategory().get(0).labelZh()).isEqualTo("城市道路与桥梁");
    }

    @Test
    void an_edit_with_a_stale_version_changes_nothing_and_reports_the_current_version() {
        Project p = threeProjects().get(0);
        Project renamed = withName(p, "驿城大道北延一期");
        Project v2 = store.update(p.id(), 1, renamed, "editor-a").orElseThrow();
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.updatedBy()).isEqualTo("editor-a");

        assertThatThrownBy(() -> store.update(p.id(), 1, withName(p, "lost update"), "editor-b"))
                .isInstanceOf(ProjectStore.VersionConflictException.class)
                .satisfies(e -> assertThat(((ProjectStore.VersionConflictException) e).current().version()).isEqualTo(2));
        assertThat(store.find(p.id()).orElseThrow().name()).isEqualTo("驿城大道北延一期");
        assertThat(store.update(999_999, 1, renamed, "x")).isEmpty();
    }

    @Test
    void delete_needs_the_current_version() {
        Project p = threeProjects().get(2);
        assertThatThrownBy(() -> store.delete(p.id(), 7)).isInstanceOf(ProjectStore.VersionConflictException.class);
        assertThat(store.delete(p.id(), 1)).isTrue();
        assertThat(store.find(p.id())).isEmpty();
        assertThat(store.delete(p.id(), 1)).isFalse();
    }

    @Test
    void a_batch_with_a_duplicate_code_stores_nothing() {
        threeProjects();
        var batch = List.of(
                project("ZMD-T-100", "新项目", Category.ROADS, ProjectStatus.PLANNED, 100, "POINT (114 33)"),
                project("ZMD-T-001", "重复编号", Category.ROADS, ProjectStatus.PLANNED, 100, "POINT (114 33)"));
        assertThatThrownBy(() -> store.insertAll(batch, "tester")).isInstanceOf(StoreException.class);
        assertThat(store.count()).isEqualTo(3);
        assertThat(store.findByCode("ZMD-T-100")).isEmpty();
    }

    private List<String> codes(ProjectQuery q) {
        return store.search(q).stream().map(Project::code).toList();
    }

    private static Project withName(Project p, String name) {
        return new Project(p.id(), p.code(), name, p.category(), p.district(), p.address(), p.department(), p.leader(),
                p.contactName(), p.contactPhone(), p.status(), p.plannedStart(), p.plannedEnd(), p.actualStart(),
                p.actualEnd(), p.planYear(), p.totalInvestment(), p.annualPlanInvestment(),
                p.completedInvestment().add(BigDecimal.ONE), p.fundingMode(), p.landStatus(), p.landArea(), p.geometry(),
                p.version(), p.createdAt(), p.createdBy(), p.updatedAt(), p.updatedBy());
    }
}
