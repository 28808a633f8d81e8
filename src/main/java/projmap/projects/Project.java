package projmap.projects;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.locationtech.jts.geom.Geometry;

/**
 * One construction project of the programme (项目), as stored. Money in 万元, land area in m²,
 * geometry in lon/lat (SRID 4326) of any simple type. {@code version} counts edits, for
 * optimistic concurrency ({@code ETag}/{@code If-Match}).
 */
public record Project(
        long id,
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
        Integer planYear,
        BigDecimal totalInvestment,
        BigDecimal annualPlanInvestment,
        BigDecimal completedInvestment,
        FundingMode fundingMode,
        LandStatus landStatus,
        BigDecimal landArea,
        Geometry geometry,
        int version,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    /** The quoted entity tag of this version, for {@code ETag} and {@code If-Match}. */
    public String etag() {
        return "\"" + id + "-" + version + "\"";
    }
}
