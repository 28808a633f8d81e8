package projmap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import projmap.checks.CheckCommand;
import projmap.checks.CheckService;
import projmap.checks.CheckSettings;
import projmap.demo.DemoLoader;
import projmap.exchange.ExchangeCommand;
import projmap.projects.ProjectStore;
import projmap.store.Database;
import projmap.zones.ZoneStore;

/**
 * The command line: {@code serve} (the default), {@code demo --reset}, {@code --help}.
 * Configuration errors end the program with one line naming the setting, and exit status 2.
 */
public final class Main {
    private Main() {
    }

    static final String USAGE = """
            projmap — the map of a city's construction programme

            usage: target/projmap [COMMAND] [OPTIONS]     (or java -jar target/projmap.jar …)

            commands:
              serve          run the server (default); the embedded store is created and filled
                             with the demo city on first start
              demo --reset   replace everything in the store with the demo city
              check FILE     the site report of a GeoJSON or Shapefile site as JSON, against the
                             store's planning layers; nothing is stored. Options: --category=C
                             (project category), --crs=EPSG:4547, --repair, --html [--lang=en]
              import projects FILE [--dry-run] [--crs EPSG:4547] [--encoding GBK] [--mapping 列:field,…]
              import zones LAYER FILE [--kind boundary|restriction|zoning|roads] [--title 标题] [--vintage 2024]
                             GeoJSON, Shapefile (.zip), GeoPackage, KML, FlatGeobuf, CSV, XLSX;
                             all or nothing; exit status 1 when a row or the file is refused
              export projects FILE.{geojson,csv,xlsx,gpkg,shp.zip,kml,fgb} [--encoding GBK] [--crs EPSG:4547]
              export zones LAYER FILE.{…}
              startup-archive
                             (build step) one run on a throw-away store that records the classes a
                             start-up needs, for -XX:ArchiveClassesAtExit (see README)
              --help         this text

            options (each also an environment variable):
            """;

    public static void main(String[] args) {
        List<String> argv = Arrays.asList(args);
        if (argv.contains("--help") || argv.contains("-h") || argv.contains("help")) {
            System.out.print(USAGE + Config.flagsHelp());
            return;
        }
        boolean exchange = !argv.isEmpty() && (argv.get(0).equals("import") || argv.get(0).equals("export"));
        List<String> configArgv = exchange ? ExchangeCommand.configArgs(argv) : argv;
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                if (!args[i].contains("=") && i + 1 < args.length && !args[i + 1].startsWith("--")
                        && !List.of("--reset", "--dry-run", "--repair", "--html").contains(args[i])) {
                    i++;
                }
            } else {
                operands.add(args[i]);
            }
        }
        String command = operands.isEmpty() ? "serve" : operands.get(0);
        try {
            if (command.equals("check")) {
                List<String> rest = new ArrayList<>();
                CheckCommand.Options options = CheckCommand.Options.parse(argv, rest);
                System.exit(check(Config.load(System.getenv(), rest), options));
            }
            Config config = Config.load(System.getenv(), configArgv);
            switch (command) {
                case "serve" -> serve(config);
                case "demo" -> demo(config, argv.contains("--reset"));
                case "startup-archive" -> {
                    StartupArchive.run();
                    System.exit(0);
                }
                case "import", "export" -> {
                    // the store opens (connection, schema check) while an import reads its file
                    var store = java.util.concurrent.CompletableFuture.supplyAsync(() -> Database.openForCommand(config));
                    int status;
                    try {
                        status = new ExchangeCommand(store, System.out, System.err)
                                .run(command, operands.subList(1, operands.size()), argv);
                    } finally {
                        store.handle((db, failure) -> db).join();   // waits for it, whether used or not
                        if (!store.isCompletedExceptionally()) {
                            store.join().close();
                        }
                    }
                    System.exit(status);
                }
                default -> fail("unknown command '" + command + "' (serve, demo --reset, check FILE, import, export, --help)");
            }
        } catch (Config.ConfigException e) {
            fail(e.getMessage());
        } catch (RuntimeException e) {
            fail(startupFailure(e));
        }
    }

    private static void serve(Config config) {
        App app = App.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "projmap-shutdown"));
    }

    private static int check(Config config, CheckCommand.Options options) {
        try (Database db = Database.open(config)) {
            ProjectStore projects = new ProjectStore(db);
            ZoneStore zones = new ZoneStore(db);
            new DemoLoader(db, projects, zones).loadIfEmpty();
            try (CheckService service = new CheckService(db, projects, zones, config.checks())) {
                return CheckCommand.run(service, options, System.out, System.err);
            }
        }
    }

    private static void demo(Config config, boolean reset) {
        if (!reset) {
            fail("demo: say 'demo --reset' to replace everything in the store with the demo city");
        }
        try (Database db = Database.open(config)) {
            new DemoLoader(db, new ProjectStore(db), new ZoneStore(db)).reset();
            System.out.println("demo city loaded into " + db.dialect().storeName());
        }
    }

    /** One line for a failure at start-up: the database setting when it is the database. */
    private static String startupFailure(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (root instanceof java.net.ConnectException || message.contains("Connection refused")
                || root instanceof java.sql.SQLException) {
            return "PROJMAP_DB_URL: cannot use the database: " + message.lines().findFirst().orElse("");
        }
        if (root instanceof java.net.BindException) {
            return "PROJMAP_PORT: the port is taken or not allowed: " + message;
        }
        return "start-up failed: " + message.lines().findFirst().orElse("");
    }

    private static void fail(String message) {
        System.err.println("projmap: " + message);
        System.exit(2);
    }
}
