package projmap.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.valid.IsValidOp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import projmap.projects.Category;

/**
 * Regenerates the demo dataset into a temporary folder and checks it against the committed copy
 * in {@code data/demo} and against the figures it must reproduce. The files are read back as
 * plain GeoJSON, independently of the generator's own classes.
 */
class DemoCityGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GeometryFactory GF = new GeometryFactory(new PrecisionModel(), 4326);

    @TempDir
    static Path out;

    private static List<JsonNode> projects;
    private static List<JsonNode> parcels;
    private static List<JsonNode> farmland;

    @BeforeAll
    static void regenerate() throws IOException {
        DemoCityGenerator.generate(out);
        projects = features(out.resolve("projects.geojson.gz"));
        parcels = features(out.resolve("land-use.geojson.gz"));
        farmland = features(out.resolve("basic-farmland.geojson.gz"));
    }

    @Test
    void regenerated_files_are_identical_to_the_committed_ones() throws IOException {
        Path committed = committedDemoFolder();
        assertThat(fileNames(out)).isEqualTo(fileNames(committed));
        for (String name : fileNames(out)) {
            // .gz files are compared by their content: another zlib build may compress differently
            assertThat(content(out.resolve(name))).as(name).isEqualTo(content(committed.resolve(name)));
        }
    }

    @Test
    void programme_totals_equal_the_meeting_figures() {
        assertThat(projects).hasSize(532);
        long total = 0;
        long annual = 0;
        long completedInvestment = 0;
        int started = 0;
        int completed = 0;
        for (JsonNode f : projects) {
            JsonNode p = f.get("properties");
            String status = p.get("status").asText();
            boolean isStarted = Set.of("under_construction", "suspended", "completed").contains(status);
            long t = p.get("totalInvestment").longValue();
            long a = p.get("annualPlanInvestment").longValue();
            long c = p.get("completedInvestment").longValue();
            assertThat(p.get("totalInvestment").isIntegralNumber()).isTrue();
            assertThat(a).as(p.get("code").asText()).isBetween(1L, t);
            assertThat(c).as(p.get("code").asText()).isBetween(0L, t);
            assertThat(c > 0).as("completed investment only for started projects: " + p.get("code")).isEqualTo(isStarted);
            assertThat(p.get("actualStart").isNull()).as(p.get("code").asText()).isEqualTo(!isStarted);
            assertThat(p.get("actualEnd").isNull()).as(p.get("code").asText()).isEqualTo(!"completed".equals(status));
            total += t;
            annual += a;
            completedInvestment += c;
            started += isStarted ? 1 : 0;
            completed += "completed".equals(status) ? 1 : 0;
        }
        assertThat(total).isEqualTo(8_354_000L);
        assertThat(annual).isEqualTo(2_040_000L);
        assertThat(completedInvestment).isEqualTo(304_000L);
        assertThat(started).isEqualTo(150);
        assertThat(completed).isEqualTo(19);
    }

    @Test
    void layers_have_the_promised_sizes() throws IOException {
        assertThat(parcels).hasSizeGreaterThanOrEqualTo(20_000);
        assertThat(farmland).hasSizeGreaterThanOrEqualTo(2_000);
        for (String boundary : List.of("central-urban-area", "demonstration-zone", "urban-development-boundary")) {
            assertThat(features(out.resolve(boundary + ".geojson.gz"))).as(boundary).hasSize(1);
        }
        JsonNode layers = JSON.readTree(out.resolve("layers.json").toFile());
        Set<String> files = new TreeSet<>();
        for (JsonNode l : layers) {
            assertThat(l.get("kind").asText()).isIn("boundary", "restriction", "zoning");
            assertThat(out.resolve(l.get("file").asText())).exists();
            files.add(l.get("id").asText());
        }
        assertThat(files).containsExactlyInAnyOrder("central-urban-area", "demonstration-zone", "urban-development-boundary",
                "basic-farmland", "land-use");
    }

    @Test
    void every_geometry_is_valid() throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".geojson.gz")).sorted().toList()) {
                for (JsonNode f : features(file)) {
                    Geometry g = geometry(f.get("geometry"));
                    assertThat(new IsValidOp(g).isValid()).as(file.getFileName() + " " + f.get("properties").get("code")).isTrue();
                }
            }
        }
    }

    @Test
    void land_use_parcels_and_farmland_patches_do_not_overlap() {
        Geometry[] coverage = parcels.stream().map(f -> geometry(f.get("geometry"))).toArray(Geometry[]::new);
        assertThat(CoverageValidator.isValid(coverage)).isTrue();

        List<Geometry> patches = farmland.stream().map(f -> geometry(f.get("geometry"))).toList();
        STRtree index = new STRtree();
        patches.forEach(p -> index.insert(p.getEnvelopeInternal(), p));
        for (Geometry p : patches) {
            for (Object o : index.query(p.getEnvelopeInternal())) {
                assertThat(o == p || !((Geometry) o).intersects(p)).isTrue();
            }
        }
    }

    @Test
    void every_category_is_used_and_every_code_is_unique() {
        Set<String> categories = projects.stream().map(f -> f.get("properties").get("category").asText()).collect(Collectors.toSet());
        assertThat(categories).containsExactlyInAnyOrderElementsOf(
                Stream.of(Category.values()).map(Category::code).toList());
        assertUnique(projects, "code");
        assertUnique(farmland, "code");
        assertUnique(parcels, "planNo");
    }

    // ---- reading GeoJSON back ----------------------------------------------------------

    private static void assertUnique(List<JsonNode> features, String key) {
        Set<String> seen = new HashSet<>();
        for (JsonNode f : features) {
            String v = f.get("properties").get(key).asText();
            assertThat(seen.add(v)).as("duplicate " + key + " " + v).isTrue();
        }
    }

    private static Path committedDemoFolder() {
        String base = System.getenv("PROJMAP_PROJECT_DIR");
        return Path.of(base == null ? "." : base, "data", "demo");
    }

    private static Set<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static byte[] content(Path file) throws IOException {
        if (!file.toString().endsWith(".gz")) {
            return Files.readAllBytes(file);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    private static List<JsonNode> features(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            JsonNode fc = JSON.readTree(in);
            assertThat(fc.get("type").asText()).isEqualTo("FeatureCollection");
            List<JsonNode> list = new ArrayList<>();
            fc.get("features").forEach(list::add);
            return list;
        }
    }

    private static Geometry geometry(JsonNode g) {
        JsonNode c = g.get("coordinates");
        return switch (g.get("type").asText()) {
            case "Point" -> GF.createPoint(position(c));
            case "LineString" -> GF.createLineString(positions(c));
            case "Polygon" -> polygon(c);
            case "MultiLineString" -> {
                LineString[] ls = new LineString[c.size()];
                for (int k = 0; k < ls.length; k++) {
                    ls[k] = GF.createLineString(positions(c.get(k)));
                }
                yield GF.createMultiLineString(ls);
            }
            case "MultiPolygon" -> {
                Polygon[] ps = new Polygon[c.size()];
                for (int k = 0; k < ps.length; k++) {
                    ps[k] = polygon(c.get(k));
                }
                yield GF.createMultiPolygon(ps);
            }
            default -> throw new IllegalArgumentException("unexpected geometry type " + g.get("type"));
        };
    }

    private static Polygon polygon(JsonNode rings) {
        LinearRing shell = GF.createLinearRing(positions(rings.get(0)));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int k = 1; k < rings.size(); k++) {
            holes[k - 1] = GF.createLinearRing(positions(rings.get(k)));
        }
        return GF.createPolygon(shell, holes);
    }

    private static Coordinate[] positions(JsonNode list) {
        Coordinate[] cs = new Coordinate[list.size()];
        for (int k = 0; k < cs.length; k++) {
            cs[k] = position(list.get(k));
        }
        return cs;
    }

    /** A lon/lat position near the demo city, with at most 6 decimals. */
    private static Coordinate position(JsonNode p) {
        assertThat(p.size()).isEqualTo(2);
        double lon = p.get(0).doubleValue();
        double lat = p.get(1).doubleValue();
        assertThat(lon).isBetween(113.6, 114.4);
        assertThat(lat).isBetween(32.6, 33.4);
        assertThat(Math.abs(lon * 1e6 - Math.round(lon * 1e6))).isLessThan(1e-6);
        assertThat(Math.abs(lat * 1e6 - Math.round(lat * 1e6))).isLessThan(1e-6);
        return new Coordinate(lon, lat);
    }
}
