package projmap.exchange;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Lineal;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.Puntal;
import projmap.checks.CheckService;
import projmap.geo.Geometries;
import projmap.geo.GeoJsonWriter;
import projmap.http.ApiException;

/**
 * {@code POST /api/checks/file?category=&crs=&encoding=&repair=}: a site sent as a file — a
 * zipped Shapefile (its .prj and .cpg honoured), KML/KMZ, GeoJSON, GeoPackage — read by the
 * importer's readers with their limits and CRS rules, then checked like a drawn site. Nothing is
 * stored. The file holds one site: one feature, or several of one kind (polygons, lines or points),
 * which together are the site; mixed kinds and broken features are refused naming the feature.
 */
public final class SiteFileRoutes {
    /** As large as the request limit of the server (App): a site is not a city layer. */
    static final long MAX_BYTES = 16L * 1024 * 1024;
    static final int MAX_FEATURES = 10_000;

    private final CheckService checks;
    private final FeatureFileReader reader;
    private final ObjectMapper json = new ObjectMapper();

    public SiteFileRoutes(CheckService checks, ImportLimits limits) {
        this.checks = checks;
        this.reader = new FeatureFileReader(limits.withMaxBytes(Math.min(limits.maxBytes(), MAX_BYTES))
                .withMaxFeatures(Math.min(limits.maxFeatures(), MAX_FEATURES)));
    }

    public void check(Context ctx) {
        ImportOptions options = ExchangeRoutes.options(ctx);
        Path workDir;
        try {
            workDir = Files.createTempDirectory("projmap-site-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            List<Path> files = ExchangeRoutes.receive(ctx, workDir, reader.limits().maxBytes());
            SourceData data = reader.read(files, options, workDir);
            Geometry site = site(data);
            CrsChoice crs = CrsChoice.decide(data, options);
            JsonNode body = json.createObjectNode().put("type", "Feature")
                    .<com.fasterxml.jackson.databind.node.ObjectNode>set("properties", json.createObjectNode())
                    .set("geometry", geoJson(site));
            ctx.json(checks.checkSite(body, ctx.queryParam("category"), "EPSG:" + crs.epsg(), flag(ctx, "repair")));
        } finally {
            ExportWriter.deleteTree(workDir);
        }
    }

    /** The one site of a file: its only feature, or its features of one kind taken together. */
    static Geometry site(SourceData data) {
        List<Geometry> parts = new ArrayList<>();
        for (SourceFeature f : data.features()) {
            if (f.problem() != null) {
                throw new ApiException(400, "invalid_feature", "feature " + f.row() + " of the file cannot be read: "
                        + f.problem(), Map.of("where", "feature " + f.row()));
            }
            if (f.geometry() != null && !f.geometry().isEmpty()) {
                parts.add(f.geometry());
            }
        }
        if (parts.isEmpty()) {
            throw new ApiException(400, "empty_geometry", "the " + data.format().title() + " file holds no geometry",
                    Map.of("where", "file"));
        }
        String kind = kind(parts.get(0));
        for (int i = 1; i < parts.size(); i++) {
            if (!kind(parts.get(i)).equals(kind)) {
                throw new ApiException(400, "mixed_geometry", "a site file holds polygons, lines or points, not a mix: "
                        + "feature 1 is " + parts.get(0).getGeometryType() + ", feature " + (i + 1) + " is "
                        + parts.get(i).getGeometryType(), Map.of("where", "feature " + (i + 1)));
            }
        }
        List<Geometry> flat = new ArrayList<>();
        for (Geometry g : parts) {
            for (int i = 0; i < g.getNumGeometries(); i++) {
                flat.add(g.getGeometryN(i));
            }
        }
        // one part stays itself (a shapefile's one-part MultiPolygon is a Polygon, as drawn); several
        // make a Multi* of their kind, overlaps between parts left for the checker to judge
        return Geometries.FACTORY.buildGeometry(flat);
    }

    private static String kind(Geometry g) {
        if (g instanceof Polygonal) {
            return "polygon";
        }
        if (g instanceof Lineal) {
            return "line";
        }
        if (g instanceof Puntal) {
            return "point";
        }
        return g.getGeometryType();
    }

    private JsonNode geoJson(Geometry g) {
        try {
            StringWriter out = new StringWriter();
            try (JsonGenerator gen = json.getFactory().createGenerator(out)) {
                GeoJsonWriter.writeGeometry(gen, g);
            }
            return json.readTree(out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean flag(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return false;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.badParameter(name, "expected true or false, got '" + v + "'");
        };
    }
}
