package projmap.testing;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import projmap.geo.Geometries;
import projmap.projects.Category;
import projmap.projects.FundingMode;
import projmap.projects.LandStatus;
import projmap.projects.Project;
import projmap.projects.ProjectStatus;

/** Small hand-made test data: WKT geometries and projects near Zhumadian (114.02°E 32.98°N). */
public final class Fixtures {
    private Fixtures() {
    }

    public static Geometry wkt(String wkt) {
        try {
            Geometry g = new WKTReader(Geometries.FACTORY).read(wkt);
            g.setSRID(4326);
            return g;
        } catch (ParseException e) {
            throw new IllegalArgumentException(wkt, e);
        }
    }

    public static Project project(String code, String name, Category category, ProjectStatus status,
                                  long totalWan, String wkt) {
        return new Project(0, code, name, category, "驿城区", "驻马店市驿城区", "市住房和城乡建设局", "王明威 副市长",
                "张三", "0396-2800000", status, LocalDate.of(2017, 3, 1), LocalDate.of(2018, 12, 31),
                status.started() ? LocalDate.of(2017, 4, 1) : null,
                status == ProjectStatus.COMPLETED ? LocalDate.of(2017, 10, 1) : null, 2017,
                BigDecimal.valueOf(totalWan), BigDecimal.valueOf(totalWan / 4),
                status.started() ? BigDecimal.valueOf(totalWan / 10) : BigDecimal.ZERO,
                FundingMode.FISCAL, LandStatus.APPROVED, null, wkt(wkt), 0, null, null, null, null);
    }
}
