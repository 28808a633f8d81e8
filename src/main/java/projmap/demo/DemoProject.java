package projmap.demo;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.locationtech.jts.geom.Geometry;

import projmap.projects.Category;
import projmap.projects.FundingMode;
import projmap.projects.LandStatus;
import projmap.projects.ProjectStatus;

/**
 * One project of the demo 2017 programme, as written to {@code projects.geojson.gz}. Money in
 * 万元 (whole numbers), land area in m² (polygons only), dates ISO. {@code intent} records which
 * site-check situation the generator meant the project to show; it is not published.
 */
record DemoProject(
        String code,
        String name,
        Category category,
        String district,
        String address,
        String department,
        String leader,
        String contactName,
        String contactPhone,
        ProjectStatus status,
        LocalDate plannedStart,
        LocalDate plannedEnd,
        LocalDate actualStart,
        LocalDate actualEnd,
        int planYear,
        long totalInvestment,
        long annualPlanInvestment,
        long completedInvestment,
        FundingMode fundingMode,
        LandStatus landStatus,
        Long landArea,
        Geometry metres,
        Geometry lonLat,
        Intent intent) {

    /** The site-check situation a project was placed to show. */
    enum Intent { ORDINARY, PARTLY_OUTSIDE, ON_FARMLAND, INCOMPATIBLE_ZONING, IN_COUNTY }

    /** The published properties, in the published order. */
    Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", code);
        p.put("name", name);
        p.put("category", category.code());
        p.put("district", district);
        p.put("address", address);
        p.put("department", department);
        p.put("leader", leader);
        p.put("contactName", contactName);
        p.put("contactPhone", contactPhone);
        p.put("status", status.code());
        p.put("plannedStart", iso(plannedStart));
        p.put("plannedEnd", iso(plannedEnd));
        p.put("actualStart", iso(actualStart));
        p.put("actualEnd", iso(actualEnd));
        p.put("planYear", planYear);
        p.put("totalInvestment", totalInvestment);
        p.put("annualPlanInvestment", annualPlanInvestment);
        p.put("completedInvestment", completedInvestment);
        p.put("fundingMode", fundingMode.code());
        p.put("landStatus", landStatus.code());
        p.put("landArea", landArea);
        return p;
    }

    private static String iso(LocalDate d) {
        return d == null ? null : d.toString();
    }
}
