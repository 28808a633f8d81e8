package projmap.auth;

import java.util.List;
import projmap.projects.Category;
import projmap.projects.Project;
import projmap.projects.ProjectStatus;
import projmap.projects.ProjectStore;
import projmap.store.Database;
import projmap.testing.Fixtures;
import projmap.testing.StoreKind;
import projmap.testing.TestServer;
import projmap.testing.TestSession;

/**
 * A small city for the account tests: three projects of two departments, an administrator with a
 * known password, and one account of each other role made through the admin API.
 */
final class AuthFixture {
    static final String ADMIN_PASSWORD = "admin-test-Pa55word";
    static final String PASSWORD = "correct horse battery";
    static final String HOUSING = "市住房和城乡建设局";
    static final String URBAN = "市城市管理局";

    private AuthFixture() {
    }

    static TestServer start(StoreKind kind, boolean publicRead) {
        return TestServer.start(kind, c -> c.withAdminPassword(ADMIN_PASSWORD).withPublicRead(publicRead), AuthFixture::seed);
    }

    static void seed(Database db) {
        ProjectStore store = new ProjectStore(db);
        Project a = Fixtures.project("T-001", "健康路改造", Category.values()[0], ProjectStatus.UNDER_CONSTRUCTION, 1200,
                "LINESTRING (114.02 32.98, 114.03 32.985)");
        Project b = Fixtures.project("T-002", "人民公园提升", Category.values()[1], ProjectStatus.PLANNED, 800,
                "POLYGON ((114.0 32.97, 114.01 32.97, 114.01 32.98, 114.0 32.98, 114.0 32.97))");
        Project c = Fixtures.project("T-003", "垃圾中转站", Category.values()[2], ProjectStatus.PLANNED, 300,
                "POINT (114.05 32.99)");
        store.insertAll(List.of(a, b, withDepartment(c, URBAN)), "seed");
    }

    static Project withDepartment(Project p, String department) {
        return new Project(p.id(), p.code(), p.name(), p.category(), p.district(), p.address(), department, p.leader(),
                p.contactName(), p.contactPhone(), p.status(), p.plannedStart(), p.plannedEnd(), p.actualStart(),
                p.actualEnd(), p.planYear(), p.totalInvestment(), p.annualPlanInvestment(), p.completedInvestment(),
                p.fundingMode(), p.landStatus(), p.landArea(), p.geometry(), p.version(), p.createdAt(), p.createdBy(),
                p.updatedAt(), p.updatedBy());
    }

    /** Creates an account through the admin API and logs it in. */
    static TestSession account(TestServer server, TestSession admin, String username, String role, String... departments) {
        StringBuilder deps = new StringBuilder("[");
        for (int i = 0; i < departments.length; i++) {
            deps.append(i == 0 ? "" : ",").append(TestSession.quote(departments[i]));
        }
        deps.append(']');
        var r = admin.post("/api/users", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"" + role + "\",\"departments\":" + deps + "}");
        if (r.statusCode() != 201) {
            throw new AssertionError("creating " + username + ": " + r.statusCode() + " " + r.body());
        }
        return TestSession.login(server, username, PASSWORD);
    }
}
