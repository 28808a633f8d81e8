package projmap.exchange;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import projmap.projects.Category;
import projmap.projects.Project;
import projmap.projects.ProjectStatus;
import projmap.projects.ProjectStore;
import projmap.store.Database;
import projmap.testing.Fixtures;

/** A small programme of mixed geometry types near Zhumadian, for exchange tests. */
final class Seed {
    static final int PROJECTS = 40;

    private Seed() {
    }

    static void projects(Database db) {
        List<Project> list = new ArrayList<>();
        Category[] cats = Category.values();
        ProjectStatus[] statuses = ProjectStatus.values();
        for (int i = 0; i < PROJECTS; i++) {
            double x = 114.0 + (i % 8) * 0.01;
            double y = 32.95 + (i / 8) * 0.01;
            String wkt = switch (i % 4) {
                case 0 -> "POINT (" + x + " " + y + ")";
                case 1 -> "LINESTRING (" + x + " " + y + ", " + (x + 0.004) + " " + (y + 0.003) + ", " + (x + 0.008) + " " + y + ")";
                case 2 -> "POLYGON ((" + x + " " + y + ", " + (x + 0.005) + " " + y + ", " + (x + 0.005) + " " + (y + 0.004)
                        + ", " + x + " " + (y + 0.004) + ", " + x + " " + y + "))";
                default -> "MULTIPOLYGON (((" + x + " " + y + ", " + (x + 0.002) + " " + y + ", " + (x + 0.002) + " " + (y + 0.002)
                        + ", " + x + " " + y + ")), ((" + (x + 0.004) + " " + y + ", " + (x + 0.006) + " " + y + ", "
                        + (x + 0.006) + " " + (y + 0.002) + ", " + (x + 0.004) + " " + y + ")))";
            };
            Project p = Fixtures.project(String.format("ZMD-2017-%03d", i + 1), "驻马店测试项目" + (i + 1) + "号（含,逗号\"引号）",
                    cats[i % cats.length], statuses[i % statuses.length], 1000 + i * 37L, wkt);
            list.add(new Project(0, p.code(), p.name(), p.category(), p.district(), p.address(), p.department(), p.leader(),
                    p.contactName(), p.contactPhone(), p.status(), p.plannedStart(), p.plannedEnd(), p.actualStart(),
                    p.actualEnd(), p.planYear(), new BigDecimal("1234.56").add(BigDecimal.valueOf(i)), p.annualPlanInvestment(),
                    p.completedInvestment(), p.fundingMode(), p.landStatus(), i % 3 == 0 ? null : new BigDecimal("6666.67"),
                    p.geometry(), 0, null, null, null, null));
        }
        new ProjectStore(db).insertAll(list, "seed");
    }
}
