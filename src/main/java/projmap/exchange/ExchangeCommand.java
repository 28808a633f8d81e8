package projmap.exchange;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import projmap.geo.CrsResolver;
import projmap.http.ApiException;
import projmap.projects.ProjectQuery;
import projmap.projects.ProjectStore;
import projmap.store.Database;
import projmap.zones.ZoneKind;
import projmap.zones.ZoneStore;
import projmap.zones.ZoneVintageStore;

/**
 * {@code projmap import …} and {@code projmap export …} on the command line, with the same
 * readers, importers and writers as the HTTP API, and a progress bar on standard error.
 *
 * <pre>
 * projmap import projects FILE [--dry-run] [--crs EPSG:4547] [--encoding GBK] [--mapping 源列:field,…]
 * projmap import zones LAYER FILE [--kind zoning] [--title 用地规划] [--vintage 2024] [same options]
 * projmap export projects FILE.{geojson,csv,xlsx,gpkg,shp.zip,kml,fgb} [--encoding GBK]
 * projmap export zones LAYER FILE.{…}
 * </pre>
 * Exit status 0 on success, 1 when the file or a row is refused (the report says why).
 */
public final class ExchangeCommand {
    /** The flags this command reads; they are not store settings, so they are kept from {@code Config}. */
    public static final Set<String> FLAGS = Set.of("--crs", "--encoding", "--mapping", "--kind", "--title", "--vintage",
            "--sheet");

    /** The store: being opened while an import file is read, at a command's start (both take a few tenths of a second). */
    private final java.util.concurrent.CompletableFuture<Database> store;
    private final PrintStream out;
    private final PrintStream err;

    public ExchangeCommand(Database db, PrintStream out, PrintStream err) {
        this(java.util.concurrent.CompletableFuture.completedFuture(db), out, err);
    }

    /** With the store still opening: an import reads its file meanwhile and waits for the store only to write. */
    public ExchangeCommand(java.util.concurrent.CompletableFuture<Database> store, PrintStream out, PrintStream err) {
        this.store = store;
        this.out = out;
        this.err = err;
    }

    /** The arguments without this command's flags (and their values), for {@code Config.load}. */
    public static List<String> configArgs(List<String> argv) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (FLAGS.contains(name)) {
                if (!a.contains("=")) {
                    i++;
                }
                continue;
            }
            rest.add(a);
        }
        return rest;
    }

    /** The store once open; a failure to open it comes out as thrown, unwrapped. */
    private Database db() {
        try {
            return store.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static Map<String, String> flags(List<String> argv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.contains("=") && FLAGS.contains(a.substring(0, a.indexOf('=')))) {
                m.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else if (FLAGS.contains(a) && i + 1 < argv.size()) {
                m.put(a, argv.get(++i));
            }
        }
        return m;
    }

    /** Runs {@code import}/{@code export} with its operands (after the command word); returns the exit status. */
    public int run(String command, List<String> operands, List<String> argv) {
        Map<String, String> flags = flags(argv);
        try {
            if (command.equals("import")) {
                return importFile(operands, flags, argv.contains("--dry-run"));
            }
            return exportFile(operands, flags);
        } catch (ImportRejectedException e) {
            printReport(e.report());
            err.println("projmap: " + e.getMessage());
            return 1;
        } catch (ApiException e) {
            err.println("projmap: " + e.code() + ": " + e.getMessage());
            return 1;
        }
    }

    /**
     * The file, and when it is a shapefile's {@code .shp} the files beside it with the same name
     * that belong to it ({@code .shx}, {@code .dbf}, {@code .prj}, {@code .cpg}, in any case), as
     * GIS tools open a shapefile by its {@code .shp}: no need to zip it first.
     */
    static List<Path> withSidecars(Path file) {
        String name = file.getFileName().toString();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".shp")) {
            return List.of(file);
        }
        String base = name.substring(0, name.length() - 4);
        Path dir = file.toAbsolutePath().getParent();
        List<Path> files = new ArrayList<>(List.of(file));
        try (var siblings = Files.list(dir)) {
            siblings.filter(p -> {
                String n = p.getFileName().toString();
                int dot = n.lastIndexOf('.');
                return dot == base.length() && n.startsWith(base)
                        && List.of("shx", "dbf", "prj", "cpg").contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
            }).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
        return files;
    }

    private int importFile(List<String> operands, Map<String, String> flags, boolean dryRun) {
        if (operands.size() < 2) {
            throw ApiException.badParameter("import", "usage: import projects FILE | import zones LAYER FILE");
        }
        String target = operands.get(0);
        Path file = Path.of(operands.get(target.equals("zones") ? 2 : 1));
        if (target.equals("zones") && operands.size() < 3) {
            throw ApiException.badParameter("import", "usage: import zones LAYER FILE --kind zoning --title …");
        }
        if (!Files.isRegularFile(file)) {
            throw ApiException.badParameter("FILE", "no such file: " + file);
        }
        Integer crs = flags.containsKey("--crs") ? CrsResolver.parseName(flags.get("--crs")).orElseThrow(() ->
                ApiException.badParameter("--crs", "expected an EPSG code such as EPSG:4547")) : null;
        Charset encoding = flags.containsKey("--encoding") ? DbfEncoding.fromCpg(flags.get("--encoding")).orElseThrow(() ->
                ApiException.badParameter("--encoding", "expected UTF-8 or GBK")) : null;
        ImportOptions options = new ImportOptions(dryRun, crs, encoding, ExchangeRoutes.mapping(flags.get("--mapping")), "cli")
                .withOrigin("cli", null, file.getFileName().toString()).withSheet(flags.get("--sheet"));
        ImportLimits limits = ImportLimits.from(System.getenv());
        Path work;
        try {
            work = Files.createTempDirectory("projmap-import-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ProgressBar bar = new ProgressBar(err);
        try {
            bar.report("read", 0, 0);
            SourceData data = new FeatureFileReader(limits).read(withSidecars(file), options, work);
            ImportReport report;
            if (target.equals("projects")) {
                Database db = db();
                report = new ProjectImporter(db, new ProjectStore(db)).run(data, options, limits, bar);
            } else if (target.equals("zones")) {
                String kind = flags.get("--kind");
                ZoneImporter.LayerRequest request = new ZoneImporter.LayerRequest(operands.get(1), kind == null ? null
                        : ZoneKind.byCode(kind).orElseThrow(() -> ApiException.badParameter("--kind", "boundary, restriction, zoning or roads")),
                        flags.get("--title"), flags.get("--vintage"), file.getFileName().toString());
                // the records are read and checked while the store finishes opening
                try (ZoneImporter.Checking checking = ZoneImporter.start(request.id(), data, options, limits)) {
                    Database db = db();
                    report = new ZoneImporter(db, new ZoneStore(db), new ZoneVintageStore(db)).run(request, checking, options, bar);
                }
            } else {
                throw ApiException.badParameter("import", "unknown target '" + target + "' (projects, zones)");
            }
            bar.done();
            printReport(report);
            return report.rejected().isEmpty() ? 0 : 1;
        } finally {
            bar.done();
            ExportWriter.deleteTree(work);
        }
    }

    private void printReport(ImportReport r) {
        out.println((r.dryRun() ? "dry run (nothing changed): " : "") + r.format() + ", " + r.crs()
                + (r.encoding() == null ? "" : ", " + r.encoding()));
        out.println("created " + r.created() + ", updated " + r.updated() + ", rejected " + r.rejected().size()
                + (r.archivedVintage() == null ? "" : "; the previous layer is kept as vintage " + r.archivedVintage()));
        for (ImportReport.Rejection x : r.rejected()) {
            out.println("  row " + x.row() + ": " + x.reason());
        }
    }

    private int exportFile(List<String> operands, Map<String, String> flags) {
        if (operands.size() < 2) {
            throw ApiException.badParameter("export", "usage: export projects FILE.ext | export zones LAYER FILE.ext");
        }
        boolean zones = operands.get(0).equals("zones");
        Path file = Path.of(operands.get(zones ? 2 : 1));
        String name = file.getFileName().toString();
        ExchangeFormat format = null;
        for (ExchangeFormat f : ExchangeFormat.values()) {
            if (name.endsWith("." + f.extension()) && (format == null || f.extension().length() > format.extension().length())) {
                format = f;
            }
        }
        if (format == null) {
            throw ApiException.badParameter("FILE", "the file name must end in ." + String.join(", .",
                    java.util.Arrays.stream(ExchangeFormat.values()).map(ExchangeFormat::extension).toList()));
        }
        Charset encoding = flags.containsKey("--encoding") ? DbfEncoding.fromCpg(flags.get("--encoding"))
                .map(c -> c.equals(DbfEncoding.GB18030) ? Charset.forName("GBK") : c).orElseThrow(() ->
                        ApiException.badParameter("--encoding", "expected UTF-8 or GBK")) : StandardCharsets.UTF_8;
        Database db = db();
        ExportTable table;
        if (zones) {
            String layer = operands.get(1);
            ZoneStore store = new ZoneStore(db);
            store.layer(layer).orElseThrow(() -> ApiException.notFound("layer", layer));
            table = ExportTable.zones(layer, store.features(layer, null));
        } else {
            table = ExportTable.projects(new ProjectStore(db).search(ProjectQuery.ALL));
        }
        table = ExchangeRoutes.inCrs(table, format, flags.get("--crs"), "--crs");
        try (OutputStream o = Files.newOutputStream(file)) {
            ExportWriter.write(format, table, encoding, o);
        } catch (IOException e) {
            throw ApiException.badParameter("FILE", "cannot write " + file + ": " + e.getMessage());
        }
        out.println("wrote " + table.gisRows().size() + " features to " + file);
        return 0;
    }

    /** A one-line progress bar on a terminal stream, redrawn at most ten times a second. */
    static final class ProgressBar implements ImportProgress {
        private final PrintStream err;
        private long last;
        private boolean drawn;

        ProgressBar(PrintStream err) {
            this.err = err;
        }

        @Override
        public void report(String phase, long done, long total) {
            long now = System.nanoTime();
            if (drawn && now - last < 100_000_000L && done != total) {
                return;
            }
            last = now;
            drawn = true;
            int width = 30;
            int filled = total <= 0 ? 0 : (int) Math.min(width, width * done / total);
            String pct = total <= 0 ? "   " : String.format("%3d%%", 100 * done / total);
            err.print("\r" + String.format("%-6s", phase) + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + pct
                    + (total > 0 ? " " + done + "/" + total : ""));
            err.flush();
        }

        void done() {
            if (drawn) {
                err.println();
                drawn = false;
            }
        }
    }
}
