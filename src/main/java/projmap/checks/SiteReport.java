package projmap.checks;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import projmap.checks.Verdicts.Boundary;
import projmap.checks.Verdicts.Compatibility;
import projmap.checks.Verdicts.Level;
import projmap.checks.Verdicts.Overall;
import projmap.checks.Verdicts.Restriction;

/**
 * The answer of a site check (DESIGN.md, "The site report"): the site's own measures, one result
 * per boundary, restriction and zoning layer, the overall verdict with its reasons in Chinese and
 * English, and the provenance that makes the report reproducible. Areas in m² with mu alongside,
 * lengths in m, shares as fractions 0…1. For a polygon site the area fields are set and the length
 * fields are null; for a line it is the other way round; for a point both are null.
 */
public record SiteReport(Site site, String category, List<BoundaryResult> boundaries,
                         List<RestrictionResult> restrictions, List<ZoningResult> zoning, Overall overall,
                         List<Reason> reasons, Provenance provenance) {

    /** The site as checked (after reprojection and, when asked, repair). */
    public record Site(String geometryType, Double areaM2, Double areaMu, Double lengthM, int vertices,
                       String inputCrs, boolean repaired, @JsonRawValue @JsonDeserialize(using = RawJson.class) String geometry) {
    }

    public record BoundaryResult(String layer, String title, String titleEn, double insideShare, Double insideAreaM2,
                                 Double insideLengthM, Boundary verdict, Double distanceM) {
    }

    public record RestrictionResult(String layer, String title, String titleEn, Double overlapAreaM2,
                                    Double overlapAreaMu, Double overlapLengthM, Restriction verdict, int featureCount,
                                    List<FeatureOverlap> features) {
    }

    /** One restriction feature the site meets (a farmland patch): its id, code, name and overlap. */
    public record FeatureOverlap(long id, String code, String name, Double overlapAreaM2, Double overlapLengthM) {
    }

    public record ZoningResult(String layer, String title, String titleEn, double coveredShare,
                               List<ClassOverlap> classes) {
    }

    /** One land-use class under the site; {@code compatibility} is null when no category was given. */
    public record ClassOverlap(String code, String name, String nameEn, Double overlapAreaM2, Double overlapLengthM,
                               double share, int parcels, Compatibility compatibility) {
    }

    public record Reason(Level level, String zh, String en) {
    }

    /**
     * What the report was computed from: the time, the method, the tolerance, the version (content
     * hash) of every layer used and of the compatibility matrix, and how to run the same check again.
     */
    public record Provenance(Instant checkedAt, String method, double toleranceM2, double toleranceM,
                             double incompatibleShareLimit, List<LayerVersion> layers, String compatibilityMatrix,
                             Rerun rerun) {
    }

    public record LayerVersion(String id, String kind, String contentHash, Instant updatedAt, int features) {
    }

    /** A request that repeats the check: a link for a project, a POST body for an ad-hoc site. */
    public record Rerun(String method, String href, @JsonRawValue @JsonDeserialize(using = RawJson.class) String body) {
    }

    public SiteReport withProvenance(Provenance p) {
        return new SiteReport(site, category, boundaries, restrictions, zoning, overall, reasons, p);
    }

    /** Reads a raw JSON member back as its text (the counterpart of {@link JsonRawValue}). */
    static final class RawJson extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return p.readValueAsTree().toString();
        }

        @Override
        public String getNullValue(DeserializationContext ctxt) {
            return null;
        }
    }
}
