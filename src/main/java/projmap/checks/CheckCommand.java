package projmap.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.h2gis.functions.factory.H2GISFunctions;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBReader;
import projmap.geo.Geometries;
import projmap.geo.GeometryInputException;
import projmap.projects.Category;

/**
 * {@code java -jar projmap.jar check FILE [--category=C] [--crs=EPSG:n] [--repair] [--lang=en]}: the
 * site report of a GeoJSON file (a geometry, a Feature, or a FeatureCollection of one feature;
 * {@code .gz} accepted) or a Shapefile ({@code .shp} with its {@code .dbf}/{@code .shx}, and
 * {@code .prj} for the CRS; all its features together form the site), against the planning layers of
 * the configured store, printed as JSON ({@code --html}: the printable page). Nothing is stored.
 */
public final class CheckCommand {
    private CheckCommand() {
    }

    /** The options of the command, read off the command line; the rest are the server's settings. */
    public record Options(Path file, String category, String crs, boolean repair, boolean html, String lang) {
        static final List<String> FLAGS = List.of("--category", "--crs", "--repair", "--html", "--lang");

        /** Splits {@code args} into this command's options and the remaining (server) arguments. */
        public static Options parse(List<String> args, List<String> rest) {
            Path file = null;
            String category = null;
            String crs = null;
            String lang = "zh";
            boolean repair = false;
            boolean html = false;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                if (!FLAGS.contains(name)) {
                    if (a.startsWith("--")) {
                        rest.add(a);   // a server setting (--home …), with its value when given apart
                        if (!a.contains("=") && i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                            rest.add(args.get(++i));
                        }
                    } else if (!a.equals("check") && file == null) {
                        file = Path.of(a);
                    }
                    continue;
                }
                if (name.equals("--repair")) {
                    repair = true;
                    continue;
                }
                if (name.equals("--html")) {
                    html = true;
                    continue;
                }
                String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.size() ? args.get(++i) : "";
                switch (name) {
                    case "--category" -> category = value;
                    case "--crs" -> crs = value;
                    default -> lang = value;
                }
            }
            return new Options(file, category, crs, repair, html, lang);
        }
    }

    /** Runs the check; returns the exit status (0 report printed, 1 the site was refused). */
    public static int run(CheckService service, Options options, PrintStream out, PrintStream err) {
        if (options.file() == null) {
            err.println("projmap: check: give a GeoJSON or Shapefile site (check FILE [--category=C] [--crs=EPSG:n])");
            return 2;
        }
        if (!Files.isRegularFile(options.file())) {
            err.println("projmap: check: no such file " + options.file());
            return 2;
        }
        try {
            SiteReport report;
            String name = options.file().getFileName().toString().toLowerCase();
            if (name.endsWith(".shp")) {
                Shape shape = readShapefile(options.file());
                String crs = options.crs() != null ? options.crs() : shape.srid() > 0 ? "EPSG:" + shape.srid() : null;
                Category category = options.category() == null ? null : Category.byCode(options.category()).orElseThrow(() ->
                        new GeometryInputException("unknown_category", "unknown project category '" + options.category() + "'",
                                "--category"));
                report = service.checkSite(service.reader().prepare(shape.geometry(), category, crs, options.repair()), Map.of());
            } else {
                report = service.checkSite(readJson(options.file(), service), options.category(), options.crs(), options.repair());
            }
            if (options.html()) {
                out.print(ReportPage.render(report, null, options.lang()));
            } else {
                out.println(service.json.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
            }
            return 0;
        } catch (GeometryInputException e) {
            err.println("projmap: check: " + options.file() + ": " + e.code() + " at " + e.where() + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("projmap: check: cannot read " + options.file() + ": " + e.getMessage());
            return 1;
        }
    }

    private static JsonNode readJson(Path file, CheckService service) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return service.json.readTree(in);
        }
    }

    private record Shape(Geometry geometry, int srid) {
    }

    /** Reads every feature of a Shapefile with H2GIS's reader (in a private in-memory database). */
    private static Shape readShapefile(Path shp) {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:check-" + System.nanoTime(), "sa", "")) {
            H2GISFunctions.load(c);
            try (Statement st = c.createStatement()) {
                st.execute("CALL SHPREAD('" + shp.toAbsolutePath().toString().replace("'", "''") + "', 'SITE')");
                String geomColumn = "THE_GEOM";
                try (ResultSet cols = c.getMetaData().getColumns(null, null, "SITE", null)) {
                    while (cols.next()) {
                        if (cols.getString("TYPE_NAME").toUpperCase().startsWith("GEOMETRY")) {
                            geomColumn = cols.getString("COLUMN_NAME");
                        }
                    }
                }
                List<Geometry> parts = new ArrayList<>();
                int srid = 0;
                try (ResultSet rs = st.executeQuery("SELECT ST_AsBinary(\"" + geomColumn + "\"), ST_SRID(\"" + geomColumn
                        + "\") FROM SITE")) {
                    WKBReader wkb = new WKBReader(Geometries.FACTORY);
                    while (rs.next()) {
                        byte[] bytes = rs.getBytes(1);
                        if (bytes != null) {
                            parts.add(wkb.read(bytes));
                            srid = rs.getInt(2);
                        }
                    }
                }
                if (parts.isEmpty()) {
                    throw new GeometryInputException("empty_geometry", "the Shapefile has no geometry", shp.toString());
                }
                Geometry site = parts.size() == 1 ? parts.get(0) : Geometries.FACTORY.buildGeometry(parts);
                return new Shape(site, srid);
            }
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("not a readable Shapefile: " + e.getMessage(), e));
        } catch (org.locationtech.jts.io.ParseException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }
}
