package projmap.projects;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.function.Function;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import projmap.http.ApiException;

/**
 * Reads a project from the camelCase properties of a GeoJSON Feature (the API's own format, the
 * demo data, GeoJSON imports), checking each field and naming the first bad one: required
 * {@code code}, {@code name}, {@code category}, {@code status}; known codes; ISO dates; money as
 * non-negative numbers in 万元.
 */
public final class ProjectReader {
    private ProjectReader() {
    }

    public static Project read(JsonNode properties, Geometry geometry) {
        JsonNode p = properties == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : properties;
        return new Project(0,
                required(p, "code", 40),
                required(p, "name", 200),
                code(p, "category", Category::byCode, Arrays.stream(Category.values()).map(Category::code).toArray(String[]::new), true),
                text(p, "district", 60),
                text(p, "address", 200),
                text(p, "department", 100),
                text(p, "leader", 60),
                text(p, "contactName", 60),
                text(p, "contactPhone", 40),
                code(p, "status", ProjectStatus::byCode, Arrays.stream(ProjectStatus.values()).map(ProjectStatus::code).toArray(String[]::new), true),
                date(p, "plannedStart"),
                date(p, "plannedEnd"),
                date(p, "actualStart"),
                date(p, "actualEnd"),
                p.hasNonNull("planYear") ? year(p) : null,
                money(p, "totalInvestment"),
                money(p, "annualPlanInvestment"),
                money(p, "completedInvestment"),
                code(p, "fundingMode", FundingMode::byCode, Arrays.stream(FundingMode.values()).map(FundingMode::code).toArray(String[]::new), false),
                code(p, "landStatus", LandStatus::byCode, Arrays.stream(LandStatus.values()).map(LandStatus::code).toArray(String[]::new), false),
                p.hasNonNull("landArea") ? money(p, "landArea") : null,
                geometry, 0, null, null, null, null);
    }

    /** Above this a single project's figure in 万元 (1000 亿元) is a typing error, not a project. */
    public static final BigDecimal ABSURD_WAN = new BigDecimal("10000000");

    /**
     * The checks across fields that an edit must pass (the demo and imports are read with
     * {@link #read} alone, since historical records may break them): dates in order, an actual end
     * only after an actual start, the annual plan and the completed investment within the total,
     * and no figure above {@link #ABSURD_WAN}. A 400 names the field.
     */
    public static void checkConsistent(Project p) {
        order("plannedEnd", p.plannedStart(), p.plannedEnd(), "plannedStart");
        order("actualEnd", p.actualStart(), p.actualEnd(), "actualStart");
        if (p.actualEnd() != null && p.actualStart() == null) {
            throw bad("actualEnd", "a project cannot end before it has an actualStart");
        }
        for (var f : java.util.Map.of("totalInvestment", nz(p.totalInvestment()),
                "annualPlanInvestment", nz(p.annualPlanInvestment()),
                "completedInvestment", nz(p.completedInvestment())).entrySet()) {
            if (f.getValue().compareTo(ABSURD_WAN) > 0) {
                throw bad(f.getKey(), "more than " + ABSURD_WAN.toPlainString() + " 万元 (1000 亿元) for one project; "
                        + "figures are in 万元");
            }
        }
        BigDecimal total = nz(p.totalInvestment());
        if (total.signum() > 0) {
            if (nz(p.annualPlanInvestment()).compareTo(total) > 0) {
                throw bad("annualPlanInvestment", "exceeds the totalInvestment of " + total.toPlainString() + " 万元");
            }
            if (nz(p.completedInvestment()).compareTo(total) > 0) {
                throw bad("completedInvestment", "exceeds the totalInvestment of " + total.toPlainString() + " 万元");
            }
        }
    }

    private static void order(String field, LocalDate start, LocalDate end, String startField) {
        if (start != null && end != null && end.isBefore(start)) {
            throw bad(field, end + " lies before " + startField + " " + start);
        }
    }

    private static BigDecimal nz(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    private static ApiException bad(String field, String message) {
        return new ApiException(400, "invalid_field", field + ": " + message, java.util.Map.of("field", field));
    }

    private static String required(JsonNode p, String field, int max) {
        String v = text(p, field, max);
        if (v == null) {
            throw bad(field, "is required");
        }
        return v;
    }

    private static String text(JsonNode p, String field, int max) {
        JsonNode v = p.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw bad(field, "expected text");
        }
        String s = v.asText().trim();
        if (s.length() > max) {
            throw bad(field, "longer than " + max + " characters");
        }
        return s.isEmpty() ? null : s;
    }

    private static <T> T code(JsonNode p, String field, Function<String, Optional<T>> lookup, String[] known, boolean required) {
        String v = required ? required(p, field, 40) : text(p, field, 40);
        if (v == null) {
            return null;
        }
        return lookup.apply(v).orElseThrow(() -> bad(field, "unknown value '" + v + "'; expected one of " + String.join(", ", known)));
    }

    private static LocalDate date(JsonNode p, String field) {
        String v = text(p, field, 40);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw bad(field, "expected an ISO-8601 date like 2017-05-15, got '" + v + "'");
        }
    }

    private static int year(JsonNode p) {
        JsonNode v = p.get("planYear");
        if (!v.canConvertToInt() || v.asInt() < 1990 || v.asInt() > 2100) {
            throw bad("planYear", "expected a year from 1990 to 2100, got " + v);
        }
        return v.asInt();
    }

    private static BigDecimal money(JsonNode p, String field) {
        JsonNode v = p.get(field);
        if (v == null || v.isNull()) {
            return BigDecimal.ZERO;
        }
        BigDecimal d;
        if (v.isNumber()) {
            d = v.decimalValue();
        } else if (v.isTextual()) {
            try {
                d = new BigDecimal(v.asText().trim());
            } catch (NumberFormatException e) {
                throw bad(field, "expected a number, got '" + v.asText() + "'");
            }
        } else {
            throw bad(field, "expected a number");
        }
        if (d.signum() < 0) {
            throw bad(field, "must not be negative");
        }
        if (d.precision() - d.scale() > 12) {
            throw bad(field, "too large");
        }
        return d;
    }
}
