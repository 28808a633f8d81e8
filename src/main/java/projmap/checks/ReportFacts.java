package projmap.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import projmap.checks.SiteReport.Reason;

/**
 * What the whole-programme summary shows of one project's report beside the stored key figures:
 * the site's type and size and the reasons for its verdict. Taken from a report just computed, or
 * read once from a stored one (a stored report is the full document, geometry and tables included,
 * and parsing 532 of them was most of a summary's time).
 */
record ReportFacts(String geometryType, Double areaM2, Double lengthM, List<Reason> reasons) {

    static ReportFacts of(SiteReport report) {
        return new ReportFacts(report.site().geometryType(), report.site().areaM2(), report.site().lengthM(),
                List.copyOf(report.reasons()));
    }

    /** From a stored report's JSON. */
    static ReportFacts parse(JsonNode report) {
        List<Reason> reasons = new ArrayList<>();
        for (JsonNode r : report.path("reasons")) {
            reasons.add(new Reason(Verdicts.Level.valueOf(r.path("level").asText().toUpperCase(Locale.ROOT)),
                    r.path("zh").asText(), r.path("en").asText()));
        }
        JsonNode site = report.path("site");
        return new ReportFacts(site.path("geometryType").asText(null), number(site.path("areaM2")),
                number(site.path("lengthM")), List.copyOf(reasons));
    }

    private static Double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : null;
    }
}
