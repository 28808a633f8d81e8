package projmap.checks;

import com.fasterxml.jackson.core.JsonFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import projmap.checks.SiteReport.BoundaryResult;
import projmap.checks.SiteReport.ClassOverlap;
import projmap.checks.SiteReport.FeatureOverlap;
import projmap.checks.SiteReport.Reason;
import projmap.checks.SiteReport.RestrictionResult;
import projmap.checks.SiteReport.ZoningResult;
import projmap.checks.Verdicts.Boundary;
import projmap.checks.Verdicts.Compatibility;
import projmap.checks.Verdicts.Level;
import projmap.checks.Verdicts.Overall;
import projmap.checks.Verdicts.Restriction;
import projmap.geo.ClipArea;
import projmap.geo.GeoJsonWriter;
import projmap.geo.GeodesicMeasure;
import projmap.projects.Category;

/**
 * The overlay of one site against the planning layers, and the verdicts of DESIGN.md ("Site-check
 * semantics"), on JTS alone: no SQL, no HTTP, so that both stores give the same answer and a test
 * runs in milliseconds.
 *
 * <p>How: the site is prepared once ({@link PreparedGeometry}); each layer's {@link LayerIndex}
 * yields the features whose box meets the site's; a feature the site covers counts with its
 * precomputed area, one it only meets is intersected ({@link OverlayNGRobust}, the same overlay
 * algorithm as GEOS ≥ 3.9 behind PostGIS), and every area and length is geodesic
 * ({@link GeodesicMeasure}) — so the figures agree with PostGIS
 * {@code ST_Area(ST_Intersection(site, zone)::geography)}.
 *
 * <p>Measures by site type: polygons by area, lines by length, points by count (a point on a
 * boundary's edge counts as inside, as {@code ST_Intersects} says; a point takes restricted land
 * only when strictly inside a feature). Parts of a restriction or zoning layer that only touch the
 * site (zero overlap) are left out. Thread-safe: holds only immutable settings.
 */
final class SiteChecker {
    private final CompatibilityMatrix matrix;
    private final CheckSettings settings;

    SiteChecker(CompatibilityMatrix matrix, CheckSettings settings) {
        this.matrix = matrix;
        this.settings = settings;
    }

    /** Checks the site against every layer; the report has no provenance yet (the caller adds it). */
    SiteReport check(SiteInput input, List<LayerIndex> layers) {
        Geometry site = input.geometry();
        Measure m = new Measure(site);
        PreparedGeometry prepared = PreparedGeometryFactory.prepare(site);
        Envelope env = site.getEnvelopeInternal();
        List<BoundaryResult> boundaries = new ArrayList<>();
        List<RestrictionResult> restrictions = new ArrayList<>();
        List<ZoningResult> zoning = new ArrayList<>();
        for (LayerIndex layer : layers) {
            switch (layer.layer().kind()) {
                case BOUNDARY -> boundaries.add(boundary(m, layer));
                case RESTRICTION -> restrictions.add(restriction(m, prepared, env, layer));
                case ZONING -> zoning.add(zoning(m, prepared, env, layer, input.category()));
            }
        }
        List<Reason> reasons = new ArrayList<>(input.notes());
        Overall overall = judge(m, input.category(), boundaries, restrictions, zoning, reasons);
        SiteReport.Site s = new SiteReport.Site(site.getGeometryType(),
                m.dim == 2 ? round(m.total, 2) : null, m.dim == 2 ? round(m.total / GeodesicMeasure.M2_PER_MU, 4) : null,
                m.dim == 1 ? round(m.total, 2) : null, site.getNumPoints(), input.inputCrs(), input.repaired(),
                geoJson(site));
        return new SiteReport(s, input.category() == null ? null : input.category().code(), boundaries, restrictions,
                zoning, overall, reasons, null);
    }

    /** The site and how it is measured: area (dim 2), length (dim 1) or number of points (dim 0). */
    private static final class Measure {
        final Geometry site;
        final int dim;
        final double total;

        Measure(Geometry site) {
            this.site = site;
            this.dim = site.getDimension();
            this.total = of(site);
        }

        double of(Geometry g) {
            return switch (dim) {
                case 2 -> GeodesicMeasure.area(g);
                case 1 -> GeodesicMeasure.length(g);
                default -> g.getNumPoints();
            };
        }

        /** The measure of the site's part inside {@code other} (a polygonal feature). */
        double inside(Geometry other) {
            return of(OverlayNGRobust.overlay(site, other, OverlayNG.INTERSECTION));
        }

        /**
         * The measure of the site's part inside a feature the site meets. The overlay is the costly
         * step, so the two whole cases are found first: the site covers the feature (the feature's
         * own area counts) or the feature covers the site (all of the site counts).
         */
        double overlapWith(PreparedGeometry preparedSite, LayerIndex.Entry e) {
            if (dim == 2 && preparedSite.covers(e.geometry())) {
                return e.areaM2();
            }
            if (e.geometry().getEnvelopeInternal().covers(site.getEnvelopeInternal()) && e.geometry().covers(site)) {
                return total;
            }
            ClipArea clip = dim == 2 && site instanceof Polygonal ? e.clip() : null;
            return clip != null ? clip.insideAreaOf(site) : inside(e.geometry());
        }

        double share(double part) {
            return total > 0 ? Math.min(1, Math.max(0, part / total)) : 0;
        }

        Double area(double v) {
            return dim == 2 ? round(v, 2) : null;
        }

        Double length(double v) {
            return dim == 1 ? round(v, 2) : null;
        }
    }

    private BoundaryResult boundary(Measure m, LayerIndex layer) {
        PreparedGeometry b = layer.preparedUnion();
        double inside;
        if (m.dim == 0) {
            inside = 0;
            for (int i = 0; i < m.site.getNumGeometries(); i++) {
                if (b.intersects(m.site.getGeometryN(i))) {
                    inside++;
                }
            }
        } else if (b.covers(m.site)) {
            inside = m.total;
        } else if (!b.intersects(m.site)) {
            inside = 0;
        } else {
            ClipArea clip = m.dim == 2 && m.site instanceof Polygonal ? layer.unionClip() : null;
            inside = clip != null ? clip.insideAreaOf(m.site) : m.inside(layer.union());
        }
        double share = m.share(inside);
        Boundary verdict = share >= settings.insideShare() ? Boundary.INSIDE
                : inside <= 0 ? Boundary.OUTSIDE : Boundary.PARTIAL;
        Double distance = verdict == Boundary.OUTSIDE ? round(layer.distanceToBoundary(m.site), 1) : null;
        return new BoundaryResult(layer.layer().id(), layer.layer().titleZh(), layer.layer().titleEn(), round(share, 6),
                m.area(inside), m.length(inside), verdict, distance);
    }

    private RestrictionResult restriction(Measure m, PreparedGeometry site, Envelope env, LayerIndex layer) {
        List<FeatureOverlap> hits = new ArrayList<>();
        double total = 0;
        boolean pointInside = false;
        for (LayerIndex.Entry e : layer.candidates(env)) {
            if (!site.intersects(e.geometry())) {
                continue;
            }
            double overlap;
            if (m.dim == 0) {
                boolean in = false;
                for (int i = 0; i < m.site.getNumGeometries() && !in; i++) {
                    in = e.geometry().contains(m.site.getGeometryN(i));
                }
                if (!in) {
                    continue;
                }
                pointInside = true;
                overlap = 0;
            } else {
                overlap = m.overlapWith(site, e);
                if (overlap <= 0) {
                    continue;   // only touches
                }
            }
            total += overlap;
            hits.add(new FeatureOverlap(e.id(), e.code(), e.name(), m.area(overlap), m.length(overlap)));
        }
        hits.sort(Comparator.comparing((FeatureOverlap f) -> -nz(f.overlapAreaM2()) - nz(f.overlapLengthM()))
                .thenComparingLong(FeatureOverlap::id));
        int count = hits.size();
        List<FeatureOverlap> listed = count > settings.maxFeaturesListed()
                ? List.copyOf(hits.subList(0, settings.maxFeaturesListed())) : List.copyOf(hits);
        boolean conflict = switch (m.dim) {
            case 2 -> total > settings.toleranceM2();
            case 1 -> total > settings.toleranceM();
            default -> pointInside;
        };
        return new RestrictionResult(layer.layer().id(), layer.layer().titleZh(), layer.layer().titleEn(),
                m.dim == 2 ? round(total, 2) : null, m.dim == 2 ? round(total / GeodesicMeasure.M2_PER_MU, 4) : null,
                m.length(total), conflict ? Restriction.CONFLICT : Restriction.CLEAR, count, listed);
    }

    private ZoningResult zoning(Measure m, PreparedGeometry site, Envelope env, LayerIndex layer, Category category) {
        Map<String, double[]> byCode = new LinkedHashMap<>();   // code -> {measure, parcels}
        Map<String, String> names = new LinkedHashMap<>();
        List<LayerIndex.Entry> candidates = layer.candidates(env);
        if (m.dim == 0) {
            // each point counts once, in the first parcel (by id) that holds it
            for (int i = 0; i < m.site.getNumGeometries(); i++) {
                Point p = (Point) m.site.getGeometryN(i);
                for (LayerIndex.Entry e : candidates) {
                    if (e.geometry().intersects(p)) {
                        add(byCode, names, e, 1);
                        break;
                    }
                }
            }
        } else {
            for (LayerIndex.Entry e : candidates) {
                if (!site.intersects(e.geometry())) {
                    continue;
                }
                double overlap = m.overlapWith(site, e);
                if (overlap > 0) {
                    add(byCode, names, e, overlap);
                }
            }
        }
        List<ClassOverlap> classes = new ArrayList<>();
        double covered = 0;
        for (var entry : byCode.entrySet()) {
            String code = entry.getKey();
            double overlap = entry.getValue()[0];
            covered += overlap;
            CompatibilityMatrix.LandUseClass row = matrix.exact(code);
            if (row == null) {
                row = matrix.classOf(code);
            }
            String name = names.get(code) != null ? names.get(code) : row == null ? null : row.nameZh();
            String nameEn = row == null ? null : row.nameEn();
            classes.add(new ClassOverlap(code, name, nameEn, m.area(overlap), m.length(overlap),
                    round(m.share(overlap), 6), (int) entry.getValue()[1],
                    category == null ? null : matrix.judge(category, code)));
        }
        classes.sort(Comparator.comparingDouble((ClassOverlap c) -> -c.share()).thenComparing(ClassOverlap::code));
        return new ZoningResult(layer.layer().id(), layer.layer().titleZh(), layer.layer().titleEn(),
                round(m.share(covered), 6), classes);
    }

    private static void add(Map<String, double[]> byCode, Map<String, String> names, LayerIndex.Entry e, double overlap) {
        String code = e.code() == null ? "" : e.code();
        double[] acc = byCode.computeIfAbsent(code, k -> new double[2]);
        acc[0] += overlap;
        acc[1]++;
        names.putIfAbsent(code, e.name());
    }

    /** The overall verdict and its reasons: fail, warn or pass per DESIGN.md, worst first. */
    private Overall judge(Measure m, Category category, List<BoundaryResult> boundaries,
                          List<RestrictionResult> restrictions, List<ZoningResult> zoning, List<Reason> reasons) {
        Overall overall = Overall.PASS;
        List<Reason> fails = new ArrayList<>();
        List<Reason> warns = new ArrayList<>();
        List<Reason> infos = new ArrayList<>();
        for (RestrictionResult r : restrictions) {
            if (r.verdict() != Restriction.CONFLICT) {
                continue;
            }
            overall = Overall.FAIL;
            String n = r.featureCount() + "";
            fails.add(switch (m.dim) {
                case 2 -> new Reason(Level.FAIL,
                        "占用" + r.title() + " " + mu(r.overlapAreaMu()) + " 亩（" + m2(r.overlapAreaM2()) + " m²，" + n + " 个图斑）",
                        "Takes " + mu(r.overlapAreaMu()) + " mu (" + m2(r.overlapAreaM2()) + " m²) of "
                                + lower(r.titleEn()) + " in " + n + (r.featureCount() == 1 ? " patch" : " patches"));
                case 1 -> new Reason(Level.FAIL, "穿越" + r.title() + " " + dist(r.overlapLengthM()) + "（" + n + " 个图斑）",
                        "Crosses " + lower(r.titleEn()) + " for " + dist(r.overlapLengthM()) + " (" + n
                                + (r.featureCount() == 1 ? " patch)" : " patches)"));
                default -> new Reason(Level.FAIL, "位于" + r.title() + "内", "Lies inside " + lower(r.titleEn()));
            });
        }
        for (ZoningResult z : zoning) {
            if (category == null) {
                infos.add(new Reason(Level.INFO, "未指定项目类别，未判定与" + z.title() + "的兼容性",
                        "No project category given: compatibility with " + lower(z.titleEn()) + " not judged"));
                continue;
            }
            double incompatible = 0;
            List<String> badZh = new ArrayList<>();
            List<String> badEn = new ArrayList<>();
            for (ClassOverlap c : z.classes()) {
                if (negligible(m, c)) {
                    continue;
                }
                String zh = c.code() + (c.name() == null ? "" : " " + c.name()) + " 占 " + pct(c.share());
                String en = c.code() + (c.nameEn() == null ? "" : " " + c.nameEn()) + " " + pct(c.share());
                if (c.compatibility() == Compatibility.INCOMPATIBLE) {
                    incompatible += c.share();
                    badZh.add(zh);
                    badEn.add(en);
                } else if (c.compatibility() == Compatibility.CONDITIONAL) {
                    overall = overall.worst(Overall.WARN);
                    warns.add(new Reason(Level.WARN, "需论证：" + zh + "（" + category.zh() + "为有条件兼容）",
                            "Needs review: " + en + " of the site (conditionally compatible with " + lower(category.en()) + ")"));
                }
            }
            if (incompatible > settings.incompatibleShareLimit()) {
                overall = Overall.FAIL;
                fails.add(new Reason(Level.FAIL, "与" + z.title() + "不符：" + String.join("，", badZh)
                        + "（" + category.zh() + "不兼容，超过 " + pct(settings.incompatibleShareLimit()) + "）",
                        "Does not fit " + lower(z.titleEn()) + ": " + String.join(", ", badEn) + " of the site incompatible with "
                                + lower(category.en()) + " (limit " + pct(settings.incompatibleShareLimit()) + ")"));
            } else if (incompatible > 0) {
                infos.add(new Reason(Level.INFO, "少量不兼容用地：" + String.join("，", badZh) + "（未超过 "
                        + pct(settings.incompatibleShareLimit()) + "）",
                        "A small incompatible share: " + String.join(", ", badEn) + " (within the "
                                + pct(settings.incompatibleShareLimit()) + " limit)"));
            }
            if (z.coveredShare() < settings.insideShare() && m.dim > 0) {
                infos.add(new Reason(Level.INFO, z.title() + "仅覆盖场地的 " + pct(z.coveredShare()),
                        lower(z.titleEn()) + " covers only " + pct(z.coveredShare()) + " of the site"));
            }
        }
        for (BoundaryResult b : boundaries) {
            if (b.verdict() == Boundary.PARTIAL) {
                overall = overall.worst(Overall.WARN);
                warns.add(new Reason(Level.WARN, "部分位于" + b.title() + "外：区内 " + pct(b.insideShare()),
                        "Partly outside the " + lower(b.titleEn()) + ": " + pct(b.insideShare()) + " inside"));
            } else if (b.verdict() == Boundary.OUTSIDE) {
                infos.add(new Reason(Level.INFO, "位于" + b.title() + "外" + (b.distanceM() == null ? ""
                        : "，距边界 " + dist(b.distanceM())),
                        "Outside the " + lower(b.titleEn()) + (b.distanceM() == null ? ""
                                : ", " + dist(b.distanceM()) + " from its boundary")));
            }
        }
        reasons.addAll(0, fails);
        reasons.addAll(fails.size(), warns);
        reasons.addAll(infos);
        if (overall == Overall.PASS && fails.isEmpty() && warns.isEmpty()) {
            reasons.add(0, new Reason(Level.INFO, "未发现冲突：不占用限制用地，用地规划兼容",
                    "No conflict found: no restricted land taken, land use compatible"));
        }
        return overall;
    }

    /** A class overlap at or below the tolerance (a digitising sliver) does not count for the verdict. */
    private boolean negligible(Measure m, ClassOverlap c) {
        return switch (m.dim) {
            case 2 -> nz(c.overlapAreaM2()) <= settings.toleranceM2();
            case 1 -> nz(c.overlapLengthM()) <= settings.toleranceM();
            default -> false;
        };
    }

    private static double nz(Double d) {
        return d == null ? 0 : d;
    }

    static double round(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return v;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }

    static String pct(double share) {
        return Figures.fixed(share * 100, 1) + "%";
    }

    static String mu(Double mu) {
        return Figures.grouped(nz(mu), 2);
    }

    static String m2(Double m2) {
        return Figures.grouped(nz(m2), 1);
    }

    static String dist(Double m) {
        double v = nz(m);
        return v >= 1000 ? Figures.fixed(v / 1000, 2) + " km" : Figures.fixed(v, 0) + " m";
    }

    private static String lower(String title) {
        if (title == null || title.isEmpty()) {
            return "";
        }
        // "Basic farmland" reads "basic farmland" inside a sentence; keep acronyms as they are
        return title.length() > 1 && Character.isUpperCase(title.charAt(1)) ? title
                : Character.toLowerCase(title.charAt(0)) + title.substring(1);
    }

    /** Shared: a factory is costly to make (symbol tables, buffer pools) and thread-safe once made. */
    private static final JsonFactory JSON = new JsonFactory();

    static String geoJson(Geometry g) {
        try (var out = new java.io.StringWriter();
             var gen = JSON.createGenerator(out)) {
            GeoJsonWriter.writeGeometry(gen, g);
            gen.flush();
            return out.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
