package projmap.demo;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import projmap.demo.FarmlandPatchBuilder.FarmlandPatch;
import projmap.projects.Category;
import projmap.projects.ProjectStatus;

/**
 * Generates the synthetic demo city "a Zhumadian-like city around 114.02°E 32.98°N" and writes
 * the demo dataset the server loads on first start: planning boundaries, basic farmland, the
 * land-use plan and the 2017 construction programme of 532 projects.
 *
 * <p>Usage: {@code java -cp target/projmap.jar projmap.demo.DemoCityGenerator [outDir]} (default
 * {@code data/demo}). The output is byte-for-byte reproducible: one fixed seed
 * ({@link #SEED}, the date of the programme meeting), no clock, no hash-order iteration, locale-free
 * formatting, {@link StrictMath} for trigonometry, and coordinates written from integer
 * micro-degrees. The generator checks what it writes and fails instead of writing bad data: every
 * geometry valid per JTS {@link IsValidOp}; the land-use parcels a clean coverage
 * ({@link CoverageValidator}: no overlaps, matching shared edges) inside the central urban area;
 * farmland patches non-overlapping; and the programme totals equal to the meeting's figures.
 *
 * <p>Nothing here is real Zhumadian data: outlines, parcels, patches, projects, names of people and
 * phone numbers are all invented.
 */
public final class DemoCityGenerator {

    /** 15 May 2017, the night of the programme meeting the demo reproduces. */
    public static final long SEED = 20170515L;
    public static final String SOURCE = "projmap demo generator (synthetic)";
    public static final String VINTAGE = "2017";

    static final String LAYERS_FILE = "layers.json";
    static final String PROJECTS_FILE = "projects.geojson.gz";
    static final String README_FILE = "README.md";
    static final int MIN_PARCELS = 20_000;
    static final int MIN_FARMLAND_PATCHES = 2_000;

    /** A zone layer as listed in layers.json. */
    record Layer(String id, String titleZh, String titleEn, String kind) {
        String file() {
            return id + ".geojson.gz";
        }
    }

    static final Layer CENTRAL_URBAN_AREA = new Layer("central-urban-area", "中心城区", "Central urban area", "boundary");
    static final Layer DEMONSTRATION_ZONE = new Layer("demonstration-zone", "城乡一体化示范区",
            "Urban–rural integration demonstration zone", "boundary");
    static final Layer URBAN_DEVELOPMENT_BOUNDARY = new Layer("urban-development-boundary", "城镇开发边界",
            "Urban development boundary", "boundary");
    static final Layer BASIC_FARMLAND = new Layer("basic-farmland", "基本农田", "Basic farmland", "restriction");
    static final Layer LAND_USE = new Layer("land-use", "用地规划", "Planned land use", "zoning");
    static final List<Layer> LAYERS = List.of(CENTRAL_URBAN_AREA, DEMONSTRATION_ZONE, URBAN_DEVELOPMENT_BOUNDARY,
            BASIC_FARMLAND, LAND_USE);

    private DemoCityGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "data/demo");
        long t0 = System.nanoTime();
        DemoSummary s = generate(out);
        System.out.printf("demo city written to %s in %.1f s%n", out, (System.nanoTime() - t0) / 1e9);
        System.out.print(s.text());
    }

    /** Builds the demo city and writes every file of the dataset into outDir (created if needed). */
    public static DemoSummary generate(Path outDir) throws IOException {
        SplittableRandom root = new SplittableRandom(SEED);
        LocalPlane plane = new LocalPlane();
        PlanningBoundaries boundaries = new PlanningBoundaries(plane.metres(), root.split());
        DistrictMap districts = new DistrictMap(boundaries, plane.metres());
        RoadGrid grid = new RoadGrid(plane.metres(), root.split());
        LandUsePlan landUse = new LandUsePlanBuilder(plane, boundaries, districts, grid, root.split()).build();
        List<FarmlandPatch> farmland = new FarmlandPatchBuilder(plane, boundaries, grid, root.split()).build();
        SitePicker sites = new SitePicker(plane, boundaries, districts, grid, landUse, farmland, root.split());
        PlaceNames places = new PlaceNames(grid, root.split());
        ResponsibleUnits units = new ResponsibleUnits(root.split());
        List<DemoProject> projects = new ProjectRegisterBuilder(sites, places, units, root.split()).build();

        // published with the vertices where parcel edges meet it, so parcels lie exactly inside
        Polygon cua = (Polygon) plane.toLonLat(landUse.nodedCentralUrbanArea());
        Polygon dz = (Polygon) plane.toLonLat(boundaries.demonstrationZone);
        Polygon udb = (Polygon) plane.toLonLat(boundaries.urbanDevelopmentBoundary);
        checkBoundaries(cua, dz, udb);
        checkLandUse(landUse, cua);
        checkFarmland(farmland);
        checkProjects(projects);
        DemoSummary summary = DemoSummary.of(cua, dz, udb, landUse, farmland, projects, sites);
        require(summary.surprises().isEmpty(), "site-check situations differ from the intended ones: " + summary.surprises());

        Files.createDirectories(outDir);
        writeBoundary(outDir.resolve(CENTRAL_URBAN_AREA.file()), "ZXCQ", "中心城区", cua);
        writeBoundary(outDir.resolve(DEMONSTRATION_ZONE.file()), "CXYTHSFQ", "城乡一体化示范区", dz);
        writeBoundary(outDir.resolve(URBAN_DEVELOPMENT_BOUNDARY.file()), "CZKFBJ", "城镇开发边界", udb);
        try (FeatureCollectionWriter w = new FeatureCollectionWriter(outDir.resolve(BASIC_FARMLAND.file()))) {
            for (FarmlandPatch p : farmland) {
                Map<String, Object> props = new LinkedHashMap<>();
                props.put("code", p.code());
                props.put("name", p.name());
                props.put("grade", p.grade());
                props.put("areaMu", p.areaMu());
                w.write(props, p.lonLat());
            }
        }
        try (FeatureCollectionWriter w = new FeatureCollectionWriter(outDir.resolve(LAND_USE.file()))) {
            for (Parcel p : landUse.parcels()) {
                Map<String, Object> props = new LinkedHashMap<>();
                props.put("code", p.code().name());
                props.put("name", p.code().nameZh());
                props.put("planNo", p.planNo());
                props.put("far", p.far());
                props.put("greenRatio", p.greenRatio());
                w.write(props, p.lonLat());
            }
        }
        try (FeatureCollectionWriter w = new FeatureCollectionWriter(outDir.resolve(PROJECTS_FILE))) {
            for (DemoProject p : projects) {
                w.write(p.properties(), p.lonLat());
            }
        }
        writeLayers(outDir.resolve(LAYERS_FILE));
        Files.writeString(outDir.resolve(README_FILE), DemoReadme.text(summary), StandardCharsets.UTF_8);
        return summary;
    }

    // ---- checks -------------------------------------------------------------------------

    static void requireValid(Geometry g, String what) {
        IsValidOp op = new IsValidOp(g);
        if (!op.isValid()) {
            TopologyValidationError e = op.getValidationError();
            throw new IllegalStateException(what + " is invalid: " + e.getMessage() + " at " + e.getCoordinate());
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    private static void checkBoundaries(Polygon cua, Polygon dz, Polygon udb) {
        requireValid(cua, "central urban area");
        requireValid(dz, "demonstration zone");
        requireValid(udb, "urban development boundary");
        double cuaKm2 = LocalPlane.areaM2(cua) / 1e6;
        double dzKm2 = LocalPlane.areaM2(dz) / 1e6;
        require(cuaKm2 >= 150 && cuaKm2 <= 250, "central urban area is " + cuaKm2 + " km²");
        require(dzKm2 >= 60 && dzKm2 <= 120, "demonstration zone is " + dzKm2 + " km²");
        require(udb.contains(cua), "urban development boundary must contain the central urban area");
        require(dz.intersects(cua) && !cua.covers(dz), "demonstration zone must overlap the central urban area and extend outside it");
    }

    private static void checkLandUse(LandUsePlan plan, Polygon cua) {
        List<Parcel> parcels = plan.parcels();
        require(parcels.size() >= MIN_PARCELS, "only " + parcels.size() + " land-use parcels");
        Geometry[] coverage = new Geometry[parcels.size()];
        PreparedGeometry cuaPrep = PreparedGeometryFactory.prepare(cua);
        for (int k = 0; k < parcels.size(); k++) {
            Parcel p = parcels.get(k);
            requireValid(p.lonLat(), "parcel " + p.planNo());
            coverage[k] = p.lonLat();
            require(cuaPrep.covers(p.lonLat()), "parcel " + p.planNo() + " is not inside the central urban area");
        }
        Geometry[] problems = CoverageValidator.validate(coverage);
        for (int k = 0; k < problems.length; k++) {
            if (problems[k] != null) {
                throw new IllegalStateException("parcel " + parcels.get(k).planNo() + " overlaps or mismatches a neighbour: " + problems[k]);
            }
        }
        Set<String> planNos = new HashSet<>();
        for (Parcel p : parcels) {
            require(planNos.add(p.planNo()), "duplicate plan number " + p.planNo());
        }
    }

    private static void checkFarmland(List<FarmlandPatch> patches) {
        require(patches.size() >= MIN_FARMLAND_PATCHES, "only " + patches.size() + " farmland patches");
        STRtree index = new STRtree();
        for (FarmlandPatch p : patches) {
            requireValid(p.lonLat(), "farmland patch " + p.code());
            double ha = LocalPlane.areaM2(p.lonLat()) / 1e4;
            require(ha >= 1 && ha <= 30, "farmland patch " + p.code() + " is " + ha + " ha");
            index.insert(p.lonLat().getEnvelopeInternal(), p);
        }
        for (FarmlandPatch p : patches) {
            for (Object o : index.query(p.lonLat().getEnvelopeInternal())) {
                FarmlandPatch q = (FarmlandPatch) o;
                require(q == p || !q.lonLat().intersects(p.lonLat()), "farmland patches " + p.code() + " and " + q.code() + " touch");
            }
        }
    }

    static void checkProjects(List<DemoProject> projects) {
        require(projects.size() == ProjectRegisterBuilder.PROJECTS, projects.size() + " projects");
        long total = 0;
        long annual = 0;
        long completedInvestment = 0;
        int started = 0;
        int completed = 0;
        Set<String> codes = new HashSet<>();
        Set<Category> categories = EnumSet.noneOf(Category.class);
        for (DemoProject p : projects) {
            requireValid(p.lonLat(), "project " + p.code());
            require(codes.add(p.code()), "duplicate project code " + p.code());
            categories.add(p.category());
            total += p.totalInvestment();
            annual += p.annualPlanInvestment();
            completedInvestment += p.completedInvestment();
            require(p.totalInvestment() > 0 && p.annualPlanInvestment() > 0 && p.annualPlanInvestment() <= p.totalInvestment(),
                    p.code() + " has inconsistent investment figures");
            require(p.completedInvestment() >= 0 && p.completedInvestment() <= p.totalInvestment(), p.code() + " completed investment out of range");
            require(p.status().started() == (p.completedInvestment() > 0), p.code() + ": completed investment only for started projects");
            require(p.status().started() == (p.actualStart() != null), p.code() + ": actual start iff started");
            require((p.status() == ProjectStatus.COMPLETED) == (p.actualEnd() != null), p.code() + ": actual end iff completed");
            require(!p.plannedEnd().isBefore(p.plannedStart()), p.code() + ": planned end before planned start");
            require(p.actualEnd() == null || !p.actualEnd().isBefore(p.actualStart()), p.code() + ": actual end before actual start");
            require(p.actualStart() == null || !p.actualStart().isAfter(ProjectRegisterBuilder.REPORT_DATE), p.code() + ": starts after the report date");
            require(p.actualEnd() == null || !p.actualEnd().isAfter(ProjectRegisterBuilder.REPORT_DATE), p.code() + ": ends after the report date");
            if (p.status().started()) {
                started++;
            }
            if (p.status() == ProjectStatus.COMPLETED) {
                completed++;
            }
        }
        require(total == ProjectRegisterBuilder.TOTAL_INVESTMENT, "total investment " + total);
        require(annual == ProjectRegisterBuilder.ANNUAL_PLAN_INVESTMENT, "annual plan investment " + annual);
        require(completedInvestment == ProjectRegisterBuilder.COMPLETED_INVESTMENT, "completed investment " + completedInvestment);
        require(started == ProjectRegisterBuilder.STARTED, started + " started projects");
        require(completed == ProjectRegisterBuilder.COMPLETED, completed + " completed projects");
        require(categories.size() == Category.values().length, "categories used: " + categories);
    }

    // ---- writing ------------------------------------------------------------------------

    private static void writeBoundary(Path file, String code, String name, Polygon lonLat) throws IOException {
        try (FeatureCollectionWriter w = new FeatureCollectionWriter(file)) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("code", code);
            props.put("name", name);
            props.put("areaKm2", BigDecimal.valueOf(Math.round(LocalPlane.areaM2(lonLat) / 1e4), 2));
            w.write(props, lonLat);
        }
    }

    /** layers.json: one layer per line, "\n" line ends on every platform. */
    private static void writeLayers(Path file) throws IOException {
        JsonFactory json = new JsonFactory();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("[\n");
            for (int k = 0; k < LAYERS.size(); k++) {
                Layer l = LAYERS.get(k);
                StringWriter line = new StringWriter();
                try (JsonGenerator g = json.createGenerator(line)) {
                    g.writeStartObject();
                    g.writeStringField("id", l.id());
                    g.writeStringField("titleZh", l.titleZh());
                    g.writeStringField("titleEn", l.titleEn());
                    g.writeStringField("kind", l.kind());
                    g.writeStringField("vintage", VINTAGE);
                    g.writeStringField("source", SOURCE);
                    g.writeStringField("file", l.file());
                    g.writeEndObject();
                }
                w.write("  " + line + (k < LAYERS.size() - 1 ? ",\n" : "\n"));
            }
            w.write("]\n");
        }
    }
}
