package projmap.demo;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

import projmap.demo.DemoProject.Intent;
import projmap.demo.FarmlandPatchBuilder.FarmlandPatch;
import projmap.projects.Category;
import projmap.projects.ProjectStatus;

/**
 * Figures about the generated demo data: printed by the generator and put in the README by
 * {@link DemoReadme}. Site-check situations are measured on the projects' metre-plane geometry;
 * {@code surprises} lists every project whose measured situation (partly outside the central urban
 * area, on basic farmland, on unsuitable zoning) is not the one it was placed to show.
 */
record DemoSummary(
        double cuaKm2, int cuaVertices, double dzKm2, double dzInsideCuaKm2, double udbKm2,
        int parcels, Map<LandUseCode, Integer> parcelsByCode, Map<LandUseCode, Double> hectaresByCode,
        int farmlandPatches, double farmlandHa, int farmlandInsideCua, Map<Integer, Integer> farmlandByGrade,
        int projects, Map<Category, Integer> byCategory, Map<String, Integer> byStatus, Map<String, Integer> byDistrict,
        Map<String, Integer> byGeometry, int insideCua, int partlyOutsideCua, int outsideCua, int inDemonstrationZone,
        int onFarmland, int onUnsuitableZoning, List<String> surprises) {

    static DemoSummary of(Polygon cua, Polygon dz, Polygon udb, LandUsePlan landUse, List<FarmlandPatch> farmland,
            List<DemoProject> projects, SitePicker sites) {
        Map<LandUseCode, Integer> byCode = new EnumMap<>(LandUseCode.class);
        Map<LandUseCode, Double> haByCode = new EnumMap<>(LandUseCode.class);
        for (Parcel p : landUse.parcels()) {
            byCode.merge(p.code(), 1, Integer::sum);
            haByCode.merge(p.code(), LocalPlane.areaM2(p.lonLat()) / 1e4, Double::sum);
        }
        double farmHa = 0;
        int farmInside = 0;
        Map<Integer, Integer> grades = new TreeMap<>();
        for (FarmlandPatch f : farmland) {
            farmHa += LocalPlane.areaM2(f.lonLat()) / 1e4;
            if (cua.intersects(f.lonLat())) {
                farmInside++;
            }
            grades.merge(f.grade(), 1, Integer::sum);
        }
        Map<Category, Integer> byCategory = new EnumMap<>(Category.class);
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (ProjectStatus s : ProjectStatus.values()) {
            byStatus.put(s.code(), 0);
        }
        Map<String, Integer> byDistrict = new TreeMap<>();
        Map<String, Integer> byGeometry = new TreeMap<>();
        int inside = 0;
        int partly = 0;
        int outside = 0;
        int zone = 0;
        int farm = 0;
        int unsuitable = 0;
        List<String> surprises = new ArrayList<>();
        for (DemoProject p : projects) {
            byCategory.merge(p.category(), 1, Integer::sum);
            byStatus.merge(p.status().code(), 1, Integer::sum);
            byDistrict.merge(p.district(), 1, Integer::sum);
            byGeometry.merge(p.lonLat().getGeometryType(), 1, Integer::sum);
            double share = insideShare(p.metres(), sites.boundaries.centralUrbanArea);
            boolean isPartly = share > 0 && share < 0.999;
            if (share >= 0.999) {
                inside++;
            } else if (isPartly) {
                partly++;
            } else {
                outside++;
            }
            if (DistrictMap.DEMONSTRATION_ZONE.equals(p.district())) {
                zone++;
            }
            boolean isOnFarmland = sites.farmlandOverlap(p.metres()) > 1;
            if (isOnFarmland) {
                farm++;
            }
            Set<LandUseCode> suitable = ProjectRegisterBuilder.suitableClasses(p.category());
            Set<LandUseCode> other = EnumSet.complementOf(EnumSet.copyOf(suitable));
            boolean isUnsuitable = p.metres().getDimension() == 0 ? !suitable.containsAll(sites.zoningCodes(p.metres()))
                    : sites.zoningShare(p.metres(), other) > 0.05;
            if (isUnsuitable) {
                unsuitable++;
            }
            if (isPartly != (p.intent() == Intent.PARTLY_OUTSIDE) || isOnFarmland != (p.intent() == Intent.ON_FARMLAND)
                    || isUnsuitable != (p.intent() == Intent.INCOMPATIBLE_ZONING)) {
                surprises.add(p.code() + " " + p.name() + " placed as " + p.intent() + " but partly outside=" + isPartly
                        + ", on farmland=" + isOnFarmland + ", unsuitable zoning=" + isUnsuitable);
            }
        }
        return new DemoSummary(LocalPlane.areaM2(cua) / 1e6, cua.getNumPoints() - 1, LocalPlane.areaM2(dz) / 1e6,
                LocalPlane.areaM2(OverlayNGRobust.overlay(dz, cua, OverlayNG.INTERSECTION)) / 1e6, LocalPlane.areaM2(udb) / 1e6,
                landUse.parcels().size(), byCode, haByCode, farmland.size(), farmHa, farmInside, grades,
                projects.size(), byCategory, byStatus, byDistrict, byGeometry, inside, partly, outside, zone, farm, unsuitable,
                    List.copyOf(surprises));
    }

    private static double insideShare(Geometry site, Polygon boundary) {
        if (site.getDimension() == 0) {
            return boundary.covers(site) ? 1 : 0;
        }
        Geometry in = OverlayNGRobust.overlay(site, boundary, OverlayNG.INTERSECTION);
        return site.getDimension() == 1 ? in.getLength() / site.getLength() : in.getArea() / site.getArea();
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "central urban area %.1f km² (%d vertices); demonstration zone %.1f km² (%.1f inside the central urban area); "
                        + "urban development boundary %.1f km²%n", cuaKm2, cuaVertices, dzKm2, dzInsideCuaKm2, udbKm2));
        sb.append("land-use parcels ").append(parcels).append(' ').append(parcelsByCode).append('\n');
        sb.append("farmland patches ").append(farmlandPatches).append(String.format(Locale.ROOT, " (%.0f ha, ", farmlandHa))
                .append(farmlandInsideCua).append(" touching the central urban area) grades ").append(farmlandByGrade).append('\n');
        sb.append("projects ").append(projects).append(' ').append(byCategory).append('\n');
        sb.append("  status ").append(byStatus).append('\n');
        sb.append("  district ").append(byDistrict).append('\n');
        sb.append("  geometry ").append(byGeometry).append('\n');
        sb.append("  central urban area: inside ").append(insideCua).append(", partly outside ").append(partlyOutsideCua)
                .append(", outside ").append(outsideCua).append("; demonstration zone ").append(inDemonstrationZone)
                .append("; on basic farmland ").append(onFarmland).append("; on unsuitable zoning ").append(onUnsuitableZoning).append('\n');
        return sb.toString();
    }
}
