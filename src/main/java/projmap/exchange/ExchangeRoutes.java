package projmap.exchange;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import projmap.auth.AccessControl;
import projmap.geo.CrsResolver;
import projmap.http.ApiException;
import projmap.projects.ProjectRoutes;
import projmap.projects.ProjectStore;
import projmap.zones.ZoneFeature;
import projmap.zones.ZoneKind;
import projmap.zones.ZoneStore;
import projmap.zones.ZoneVintageStore;

/**
 * Import and export over HTTP. Thin: the upload becomes files in a private temporary folder and
 * an {@link ImportOptions} record, the importers do the work, the folder is deleted afterwards.
 *
 * <ul>
 *   <li>{@code POST /api/import/projects} and {@code POST /api/import/zones/{layerId}?kind=&title=&vintage=} —
 *       the file as the body ({@code ?filename=} helps for CSV) or as multipart field(s) {@code file};
 *       {@code dryRun=true}, {@code crs=EPSG:4547}, {@code encoding=GBK}, {@code mapping=源列:field,…},
 *       {@code async=true} (202 with a job to poll at {@code /api/import/jobs/{id}}).</li>
 *   <li>{@code GET /api/export/projects.{ext}} with the filters of {@code /api/projects}, and
 *       {@code GET /api/export/zones/{layerId}.{ext}?bbox=}; {@code encoding=GBK} for Shapefile DBFs.</li>
 *   <li>{@code GET /api/zones/{layer}/vintages} — the archived vintages of a layer.</li>
 * </ul>
 */
public final class ExchangeRoutes {
    private final ProjectStore projects;
    private final ZoneStore zones;
    private final ZoneVintageStore vintages;
    private final ProjectImporter projectImporter;
    private final ZoneImporter zoneImporter;
    private final FeatureFileReader reader;
    private final ImportJobs jobs;

    public ExchangeRoutes(ProjectStore projects, ZoneStore zones, ZoneVintageStore vintages, ProjectImporter projectImporter,
                          ZoneImporter zoneImporter, ImportLimits limits, ImportJobs jobs) {
        this.projects = projects;
        this.zones = zones;
        this.vintages = vintages;
        this.projectImporter = projectImporter;
        this.zoneImporter = zoneImporter;
        this.reader = new FeatureFileReader(limits);
        this.jobs = jobs;
    }

    /** {@code POST /api/import/projects} */
    public void importProjects(Context ctx) {
        ImportOptions given = options(ctx);
        String actor = AccessControl.actor(ctx);
        String address = AccessControl.address(ctx);
        run(ctx, (workDir, files) -> progress -> {
            ImportOptions options = given.withOrigin(actor, address, names(files));
            SourceData data = reader.read(files, options, workDir);
            return projectImporter.run(data, options, reader.limits(), progress);
        });
    }

    /** {@code POST /api/import/zones/{layerId}} */
    public void importZones(Context ctx) {
        ImportOptions given = options(ctx);
        String actor = AccessControl.actor(ctx);
        String address = AccessControl.address(ctx);
        String kind = ctx.queryParam("kind");
        ZoneImporter.LayerRequest request = new ZoneImporter.LayerRequest(ctx.pathParam("layerId"),
                kind == null || kind.isBlank() ? null : ZoneKind.byCode(kind).orElseThrow(() ->
                        ApiException.badParameter("kind", "unknown kind '" + kind + "'; expected boundary, restriction, zoning, roads")),
                ctx.queryParam("title"), ctx.queryParam("vintage"), ctx.queryParam("source"));
        run(ctx, (workDir, files) -> progress -> {
            ImportOptions options = given.withOrigin(actor, address, names(files));
            SourceData data = reader.read(files, options, workDir);
            return zoneImporter.run(request, data, options, reader.limits(), progress);
        });
    }

    /** The uploaded files' names, for the audit log. */
    private static String names(List<Path> files) {
        return String.join(", ", files.stream().map(f -> f.getFileName().toString()).toList());
    }

    /** {@code GET /api/import/jobs/{id}} */
    public void job(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(jobs.find(id).orElseThrow(() -> ApiException.notFound("import job", id)).view());
    }

    private interface Work {
        Function<ImportProgress, ImportReport> prepare(Path workDir, List<Path> files);
    }

    private void run(Context ctx, Work work) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("projmap-import-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean async = "true".equalsIgnoreCase(ctx.queryParam("async"));
        boolean handedOver = false;
        try {
            List<Path> files = receive(ctx, workDir, reader.limits().maxBytes());
            Function<ImportProgress, ImportReport> job = work.prepare(workDir, files);
            if (async) {
                ImportJobs.Job j = jobs.submit(job, () -> ExportWriter.deleteTree(workDir));
                handedOver = true;
                ctx.status(202).header("Location", "/api/import/jobs/" + j.view().get("id")).json(j.view());
                return;
            }
            ctx.json(job.apply(ImportProgress.NONE));
        } finally {
            if (!handedOver) {
                ExportWriter.deleteTree(workDir);
            }
        }
    }

    static ImportOptions options(Context ctx) {
        Integer crs = null;
        String c = ctx.queryParam("crs");
        if (c != null && !c.isBlank()) {
            crs = CrsResolver.parseName(c).orElseThrow(() -> ApiException.badParameter("crs",
                    "expected an EPSG code such as EPSG:4547, got '" + c + "'"));
        }
        Charset encoding = null;
        String e = ctx.queryParam("encoding");
        if (e != null && !e.isBlank()) {
            encoding = DbfEncoding.fromCpg(e).orElseThrow(() -> ApiException.badParameter("encoding",
                    "unknown encoding '" + e + "'; expected UTF-8 or GBK"));
        }
        return new ImportOptions("true".equalsIgnoreCase(ctx.queryParam("dryRun")), crs, encoding,
                mapping(ctx.queryParam("mapping")), "import").withSheet(ctx.queryParam("sheet"));
    }

    /** {@code 源列:field,源列2:field2} (or {@code =}); {@code field} may be {@code -} to ignore a column. */
    static Map<String, String> mapping(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return m;
        }
        for (String pair : text.split(",")) {
            String[] kv = pair.split("[:=]", 2);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                throw ApiException.badParameter("mapping", "expected column:field pairs separated by commas, got '" + pair + "'");
            }
            m.put(kv[0].strip(), kv[1].strip());
        }
        return m;
    }

    /** The upload (multipart 'file' parts, or the raw body named by ?filename=) as files in {@code workDir}. */
    static List<Path> receive(Context ctx, Path workDir, long max) {
        long declared = ctx.contentLength();
        if (declared > max + (ctx.isMultipartFormData() ? 64 * 1024 : 0)) {
            throw FileRejectedException.tooLarge("the upload has " + declared + " bytes; at most " + max + " are accepted");
        }
        List<Path> files = new ArrayList<>();
        if (ctx.isMultipartFormData()) {
            List<UploadedFile> parts = ctx.uploadedFiles("file");
            if (parts.isEmpty()) {
                parts = ctx.uploadedFiles();
            }
            if (parts.isEmpty()) {
                throw new FileRejectedException("empty_file", "the multipart request has no file part (name it 'file')");
            }
            for (UploadedFile part : parts) {
                Path target = workDir.resolve(safeName(part.filename(), files.size()));
                try (InputStream in = part.content()) {
                    copy(in, target, max);
                } catch (IOException e) {
                    throw new FileRejectedException("unreadable_file", "the upload cannot be read: " + e.getMessage());
                }
                files.add(target);
            }
            return files;
        }
        String name = ctx.queryParam("filename");
        if (name == null || name.isBlank()) {
            name = "upload" + extensionFor(ctx.contentType());
        }
        Path target = workDir.resolve(safeName(name, 0));
        try (InputStream in = ctx.bodyInputStream()) {
            copy(in, target, max);
        } catch (IOException e) {
            throw new FileRejectedException("unreadable_file", "the upload cannot be read: " + e.getMessage());
        }
        files.add(target);
        return files;
    }

    private static void copy(InputStream in, Path target, long max) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > max) {
                    throw FileRejectedException.tooLarge("the upload is larger than " + max + " bytes");
                }
                out.write(buf, 0, n);
            }
        }
    }

    /** The file name without any folder part, and harmless characters only. */
    static String safeName(String name, int index) {
        String base = name == null ? "" : name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[^\\p{L}\\p{N}._-]", "_");
        if (base.isBlank() || base.startsWith(".")) {
            base = "upload" + index + base;
        }
        return base;
    }

    private static String extensionFor(String contentType) {
        String t = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (t.contains("csv")) {
            return ".csv";
        }
        if (t.contains("json")) {
            return ".geojson";
        }
        if (t.contains("kml")) {
            return ".kml";
        }
        return ".bin";
    }

    /** {@code GET /api/export/{file}}: {@code projects.geojson}, {@code projects.shp.zip} … */
    public void exportProjects(Context ctx) {
        ExchangeFormat format = format(ctx.pathParam("file"), "projects");
        var query = ProjectRoutes.query(ctx);
        send(ctx, format, "projects", ExportTable.projects(projects.search(query)));
    }

    /** {@code GET /api/export/zones/{file}}: {@code land-use.gpkg} … */
    public void exportZones(Context ctx) {
        String file = ctx.pathParam("file");
        ExchangeFormat format = null;
        String layerId = null;
        for (ExchangeFormat f : ExchangeFormat.values()) {
            if (file.endsWith("." + f.extension()) && (format == null || f.extension().length() > format.extension().length())) {
                format = f;
                layerId = file.substring(0, file.length() - f.extension().length() - 1);
            }
        }
        if (format == null) {
            throw ApiException.badParameter("format", "expected {layer}.{" + ExchangeFormat.extensions() + "}, got '" + file + "'");
        }
        String id = layerId;
        zones.layer(id).orElseThrow(() -> new ApiException(404, "unknown_layer", "layer: no planning layer '" + id
                + "'; see /api/layers", Map.of("parameter", "layer", "value", id)));
        List<ZoneFeature> features = zones.features(id, projmap.http.Params.bbox(ctx, "bbox"));
        send(ctx, format, id, ExportTable.zones(id, features));
    }

    /**
     * The table in the CRS an export asks for ({@code crs=EPSG:4547}): GeoJSON (legacy {@code crs}
     * member), GeoPackage ({@code gpkg_spatial_ref_sys}) and Shapefile ({@code .prj}) can say it;
     * the others are lon/lat by definition or by our writer.
     */
    static ExportTable inCrs(ExportTable table, ExchangeFormat format, String crs, String parameter) {
        if (crs == null || crs.isBlank()) {
            return table;
        }
        int code = CrsResolver.parseName(crs).orElseThrow(() -> ApiException.badParameter(parameter,
                "expected an EPSG code such as EPSG:4547, got '" + crs + "'"));
        if (CrsResolver.esriWkt(code).isEmpty() || CrsChoice.REPROJECTOR.resolve("EPSG:" + code).isEmpty()) {
            throw ApiException.badParameter(parameter, "exports are written in EPSG:4326, EPSG:4490 or a CGCS2000, Xian 1980"
                    + " or Beijing 1954 Gauss–Krüger zone (e.g. EPSG:4547, EPSG:4526); got EPSG:" + code);
        }
        if (code != 4326 && format != ExchangeFormat.GEOJSON && format != ExchangeFormat.GPKG
                && format != ExchangeFormat.SHAPEFILE) {
            throw ApiException.badParameter(parameter, format.title() + " exports are lon/lat (EPSG:4326); a projected CRS"
                    + " is available for GeoJSON, GeoPackage and Shapefile");
        }
        return table.in(CrsChoice.REPROJECTOR.resolve("EPSG:" + code).orElseThrow());
    }

    /** {@code GET /api/zones/{layer}/vintages} */
    public void vintages(Context ctx) {
        String id = ctx.pathParam("layer");
        zones.layer(id).orElseThrow(() -> ApiException.notFound("layer", id));
        ctx.json(vintages.vintages(id));
    }

    private static ExchangeFormat format(String file, String stem) {
        if (!file.startsWith(stem + ".")) {
            throw ApiException.notFound("export", file);
        }
        String ext = file.substring(stem.length() + 1);
        return ExchangeFormat.byExtension(ext).orElseThrow(() -> ApiException.badParameter("format",
                "unknown export format '" + ext + "'; expected one of " + ExchangeFormat.extensions()));
    }

    private static void send(Context ctx, ExchangeFormat format, String name, ExportTable lonLat) {
        ExportTable table = inCrs(lonLat, format, ctx.queryParam("crs"), "crs");
        Charset encoding = StandardCharsets.UTF_8;
        String e = ctx.queryParam("encoding");
        if (e != null && !e.isBlank()) {
            encoding = DbfEncoding.fromCpg(e).orElseThrow(() -> ApiException.badParameter("encoding",
                    "unknown encoding '" + e + "'; expected UTF-8 or GBK"));
            if (encoding.equals(DbfEncoding.GB18030)) {
                encoding = Charset.forName("GBK");   // what ArcGIS and GDAL name in a .cpg
            }
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile("projmap-export-", "." + format.extension());
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ExportWriter.write(format, table, encoding, out);
            }
            ctx.contentType(format.mediaType());
            ctx.header("Content-Disposition", "attachment; filename=\"" + name + "." + format.extension() + "\"");
            ctx.header("Content-Length", Long.toString(Files.size(tmp)));
            try (InputStream in = Files.newInputStream(tmp); OutputStream out = ctx.outputStream()) {
                in.transferTo(out);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ex) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }
}
