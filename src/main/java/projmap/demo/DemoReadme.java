package projmap.demo;

import java.util.Locale;
import java.util.Map;

import projmap.projects.Category;

/**
 * Writes {@code data/demo/README.md} from the generator's {@link DemoSummary}, so the
 * figures in the README are always those of the files next to it.
 */
final class DemoReadme {

    private DemoReadme() {
    }

    static String text(DemoSummary s) {
        StringBuilder b = new StringBuilder();
        b.append(fmt("""
                # Demo dataset: a synthetic Zhumadian-like city (2017 programme)

                **Everything in this folder is synthetic.** It is not real Zhumadian data: the outlines, parcels,
                farmland patches, projects, people and phone numbers are invented by
                `src/main/java/projmap/demo/DemoCityGenerator.java`. Only the programme totals are real: they are the
                figures of the 15 May 2017 meeting (see `/work/shared/seed/README.md`). Road, township and subdistrict
                names are borrowed as labels and do not mark the real places.

                The server loads this folder on first start (embedded store). Do not edit the files by hand:
                change the generator and regenerate.

                ## Regenerate

                ```
                mvn -q -DskipTests package && java -cp target/projmap.jar projmap.demo.DemoCityGenerator data/demo
                ```

                The output is byte-for-byte reproducible: fixed seed `%d` (the meeting date), no clock, no
                hash-order iteration, locale-free number formatting, `StrictMath` trigonometry, and coordinates
                written from integer micro-degrees. `DemoCityGeneratorTest` regenerates into a temporary folder and
                fails if anything differs from the committed files (it compares the GeoJSON text inside the `.gz`
                files, so another zlib build cannot make it fail), or if a check below does not hold.

                ## Files

                | file | what | features |
                |---|---|---|
                | `layers.json` | catalogue of the zone layers: `id`, `titleZh`, `titleEn`, `kind`, `vintage`, `source`, `file` | %d layers |
                | `central-urban-area.geojson.gz` | 中心城区, kind `boundary`: one polygon, %.1f km², %d vertices | 1 |
                | `demonstration-zone.geojson.gz` | 城乡一体化示范区, kind `boundary`: one polygon, %.1f km², of which %.1f km² inside the central urban area (its east/south-east edge) | 1 |
                | `urban-development-boundary.geojson.gz` | 城镇开发边界, kind `boundary`: one polygon, %.1f km², containing the central urban area with a 0.5–1.7 km margin | 1 |
                | `basic-farmland.geojson.gz` | 基本农田, kind `restriction`: non-overlapping patches of 1–30 ha out to 20 km, %d of them touching the central urban area near its edge | %d |
                | `land-use.geojson.gz` | 用地规划, kind `zoning`: GB 50137-2011 parcels covering the central urban area without overlaps | %d |
                | `projects.geojson.gz` | the 2017 programme (百城建设提质工程) | %d |

                Every file is a gzipped RFC 7946 FeatureCollection (no `crs` member): SRID 4326, lon/lat order,
                6 decimals (about 0.1 m), exterior rings counter-clockwise, holes clockwise. Every geometry is valid
                per JTS `IsValidOp` (checked by the generator, which refuses to write otherwise); the land-use parcels
                also pass JTS `CoverageValidator` (no overlaps, shared edges with matching vertices).

                ## Coordinates

                The generator lays the city out in metres (x east, y north) around the centre 114.02°E 32.98°N and
                converts with a local equirectangular projection on the GRS80 (CGCS2000) ellipsoid:
                x = N·cos φ0·Δλ, y = M·Δφ, with N and M taken at φ0 = 32.98°. Over the 20 km the demo spans its scale
                error stays below 0.2 %%, which a synthetic city does not need to beat; CGCS2000 and WGS 84 are
                treated as the same here, as in the server. Areas in the files (`areaKm2`, `areaMu`, `landArea`) are
                measured on the rounded lon/lat geometry in a local plane centred on each feature (within about
                1e-5 of a geodesic area).

                ## Zone layers

                Every feature has `code` and `name`; extra attributes per layer:

                - boundaries: `code` `ZXCQ` / `CXYTHSFQ` / `CZKFBJ`, `name`, `areaKm2`.
                - `basic-farmland`: `code` `JBNT-0001`…, `name` "基本农田保护片块 0001", `grade` 1–4, `areaMu` (亩).
                  Total %.0f ha. Patches by grade: %s.
                - `land-use`: `code` (GB 50137 mid class), `name` (its Chinese name), `planNo` (`ZMD-KG-<unit>-<plot>`,
                  regulatory-plan unit of 2 × 2 km numbered from the north-west, plot within the unit), `far`
                  (容积率, null for roads, water and green space) and `greenRatio` (绿地率, null for roads and water).

                The plan: a warped grid of arterial (50 m), secondary (32 m) and branch (22 m) roads as S1 corridor
                parcels; blocks cut into parcels; the river 练江河 (E1) across the south of the centre with green
                banks (G1/G2); the central park 人民公园 (G1, four blocks) with its lake 清河湖 (E1); a civic centre
                (A1, G3, A2) at the centre with commerce (B1/B2) around it; old mixed housing (R3) west of the
                centre; R2 housing elsewhere with schools, pocket parks, clinics, utilities and bus depots sprinkled
                in and shops along arterials; whole blocks for the new city hospital (A5), the sports centre (A4)
                and the exhibition centre (A2/B2); industry and warehousing (M1/M2/W1) in the economic development zone
                (west-south-west) and the industrial cluster (north-east), light industry and offices in the
                high-tech zone (north-west); a railway hub (S3) in the west.

                | code | name | parcels | ha |
                |---|---|---:|---:|
                """, DemoCityGenerator.SEED, DemoCityGenerator.LAYERS.size(), s.cuaKm2(), s.cuaVertices(),
                s.dzKm2(), s.dzInsideCuaKm2(), s.udbKm2(), s.farmlandInsideCua(), s.farmlandPatches(), s.parcels(),
                s.projects(), s.farmlandHa(), s.farmlandByGrade()));
        for (Map.Entry<LandUseCode, Integer> e : s.parcelsByCode().entrySet()) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f |%n", e.getKey().name(), e.getKey().nameZh(), e.getValue(),
                    s.hectaresByCode().get(e.getKey())));
        }
        b.append(fmt("""

                ## Projects

                `projects.geojson.gz` holds the %d projects of the 2017 programme. Properties (camelCase, all present,
                null where not applicable): `code` (`ZMD-2017-0001`…), `name`, `category`, `district`, `address`,
                `department` (责任单位), `leader` (分管领导), `contactName`, `contactPhone`, `status`, `plannedStart`,
                `plannedEnd`, `actualStart` (set exactly for started projects), `actualEnd` (completed projects only),
                `planYear`, `totalInvestment`, `annualPlanInvestment`, `completedInvestment` (万元, whole numbers),
                `fundingMode`, `landStatus`, `landArea` (m², polygons only; null for points and lines). Progress is as
                of the meeting, 2017-05-15.

                Totals — equal to the meeting's figures exactly (asserted by the generator and the test):

                | figure | value |
                |---|---:|
                | projects | %d |
                | Σ totalInvestment (万元) | %,d |
                | Σ annualPlanInvestment (万元) | %,d |
                | started (under_construction + suspended + completed) | %d |
                | of which completed | %d |
                | Σ completedInvestment (万元) | %,d |

                Each project: annual plan ≤ total; completed investment > 0 only for started projects and ≤ the
                annual plan.

                | category | projects |
                |---|---:|
                """, s.projects(), s.projects(), ProjectRegisterBuilder.TOTAL_INVESTMENT,
                ProjectRegisterBuilder.ANNUAL_PLAN_INVESTMENT, ProjectRegisterBuilder.STARTED, ProjectRegisterBuilder.COMPLETED,
                ProjectRegisterBuilder.COMPLETED_INVESTMENT));
        for (Map.Entry<Category, Integer> e : s.byCategory().entrySet()) {
            b.append("| `").append(e.getKey().code()).append("` ").append(e.getKey().zh()).append(" | ").append(e.getValue()).append(" |\n");
        }
        b.append("\nBy status: ").append(list(s.byStatus())).append(".  \n");
        b.append("By district: ").append(list(s.byDistrict())).append(".  \n");
        b.append("By geometry type: ").append(list(s.byGeometry())).append(".\n");
        b.append(fmt("""

                ### What the site checks will find

                Measured by the generator, which also checks that exactly the projects placed to show a situation
                show it:

                - central urban area: %d projects inside, %d partly outside (road extensions 北延/东延/南延/西延, the
                  river's two end reaches, a wetland park, a village on the edge, a trunk sewer, a city-exit
                  streetscape), %d outside (the demonstration zone beyond the city, 确山县, and the farmland cases);
                - demonstration zone: %d projects with district 城乡一体化示范区;
                - basic farmland: %d projects overlap it (an incineration plant, a construction-waste site, a
                  retention wetland, a country park, a resettlement estate, a senior high school, a freight hub,
                  a heritage park) — all still `planned` or `preparing`, land procedures not complete;
                - zoning: %d projects lie mostly on land-use classes that do not suit their category (refuse transfer
                  stations on R1/R2 housing, a road cut through a G1 park, parking and a bus depot on G1, a school on
                  M2 industrial land, resettlement housing on a G1 park). "Suit" here is the demo's own simple table
                  (`ProjectRegisterBuilder.suitableClasses`); the server's configurable matrix may judge differently.

                Every other project sits on classes that suit it and clear of farmland.
                """, s.insideCua(), s.partlyOutsideCua(), s.outsideCua(), s.inDemonstrationZone(), s.onFarmland(),
                s.onUnsuitableZoning()));
        return b.toString();
    }

    /** String.format with the root locale: same digits and separators on every machine. */
    private static String fmt(String template, Object... args) {
        return String.format(Locale.ROOT, template, args);
    }

    private static String list(Map<String, Integer> m) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Integer> e : m.entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append(' ').append(e.getValue());
        }
        return sb.toString();
    }
}
