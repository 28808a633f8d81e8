package projmap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The build's training run for the JVM's class-data sharing archive (AppCDS): the server starts
 * once on a throw-away embedded store — migrations, H2GIS, the demo city — and answers the first
 * requests a planner's browser makes, then exports a planning layer and reads it back as an import
 * does, so that {@code java -XX:ArchiveClassesAtExit=…} records every class a start-up, and a
 * command-line import or export, loads. Started with {@code -XX:SharedArchiveFile=target/projmap.jsa}, the server
 * then maps those classes from the archive instead of loading and verifying them one by one from
 * the jar (README, "Benchmarks / Foundation", has the figures). Maven runs it in the {@code package}
 * phase; it is not meant to be run by hand.
 */
final class StartupArchive {
    /** What the web app asks for when it opens: settings, layers, the project list, statistics, tiles. */
    private static final List<String> FIRST_REQUESTS = List.of("/health", "/", "/api/config", "/api/auth/me",
            "/api/layers", "/api/projects", "/api/stats", "/tiles/projects/10/836/412.mvt",
            "/tiles/land-use/14/13381/6600.mvt", "/api/zones/central-urban-area");

    private StartupArchive() {
    }

    static void run() {
        Path home = createHome();
        try (App app = App.start(Config.embedded(home))) {
            HttpClient http = HttpClient.newHttpClient();
            for (String path : FIRST_REQUESTS) {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                        .build(), HttpResponse.BodyHandlers.discarding());
                System.out.println("startup-archive: GET " + path + " → " + r.statusCode());
            }
            exchange(app, home);
            postgresDriver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            delete(home);
        }
    }

    /**
     * What {@code projmap import} and {@code export} load: a planning layer written as GeoPackage
     * and Shapefile, then each read back and checked as an import does (a dry run). Without it a
     * command-line import loaded about a thousand classes from the jar (SQLite, GeoPackage, the
     * shapefile driver, proj4j, the import pipeline).
     */
    private static void exchange(App app, Path home) {
        java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        projmap.exchange.ExchangeCommand command = new projmap.exchange.ExchangeCommand(app.database(), quiet, quiet);
        for (String ext : List.of("gpkg", "shp.zip")) {
            String file = home.resolve("land-use." + ext).toString();
            int exported = command.run("export", List.of("zones", "land-use", file), List.of());
            int imported = command.run("import", List.of("zones", "land-use-copy", file),
                    List.of("--kind", "zoning", "--title", "用地", "--dry-run"));
            System.out.println("startup-archive: export and import (dry run) of land-use." + ext + " → " + exported + ", " + imported);
        }
    }

    /**
     * The PostgreSQL driver's classes, loaded (not initialised): the training run has no PostgreSQL
     * to talk to, and a server or import on PostGIS otherwise loads a few hundred of them from the jar.
     */
    private static void postgresDriver() {
        ClassLoader loader = StartupArchive.class.getClassLoader();
        int loaded = 0;
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(new java.io.File(
                org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()))) {
            for (var e : java.util.Collections.list(jar.entries())) {
                String name = e.getName();
                if (name.startsWith("org/postgresql/") && name.endsWith(".class") && !name.contains("osgi")) {
                    try {
                        Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                        loaded++;
                    } catch (ClassNotFoundException | LinkageError ignored) {
                        // a class for an optional dependency this build does not have
                    }
                }
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            System.err.println("startup-archive: the PostgreSQL driver's classes were not listed: " + e.getMessage());
        }
        System.out.println("startup-archive: PostgreSQL driver classes loaded: " + loaded);
    }

    private static Path createHome() {
        try {
            return Files.createTempDirectory("projmap-startup-archive");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("startup-archive: could not remove " + dir + ": " + e.getMessage());
        }
    }
}
