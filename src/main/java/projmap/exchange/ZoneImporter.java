package projmap.exchange;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;
import projmap.auth.AuditLog;
import projmap.geo.Reprojector;
import projmap.http.ApiException;
import projmap.zones.ContentHash;
import projmap.zones.ZoneFeature;
import projmap.zones.ZoneKind;
import projmap.zones.ZoneLayer;
import projmap.zones.ZoneStore;
import projmap.zones.ZoneVintageStore;
import projmap.store.Database;

/**
 * Imports a planning layer: a new layer, or a new vintage of an existing one. The new vintage
 * replaces the layer atomically (readers see the old one or the new one) and the old one is kept
 * in {@link ZoneVintageStore}, in the same transaction. Each record's code and name come through
 * {@link FieldMapping#zone}; every other column is kept in the feature's attributes. Dry run and
 * all-or-nothing as for projects; a real import leaves one audit-log entry (who, file, counts,
 * vintage) in its transaction. Thread-safe.
 */
public final class ZoneImporter {
    /**
     * The most a load's content hash holds for digesting at its end ({@link ContentHash#holding}):
     * 200,000 polygons take 35 MB. 64 MB, or an eighth of the heap's limit (the JVM's default limit of
     * direct memory is the heap's): the server's 384 MB allow 48 MB to each of several loads at once.
     */
    private static final long HASH_HOLD_BYTES = Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 8);

    private final Database db;
    private final ZoneStore zones;
    private final ZoneVintageStore vintages;
    private final AuditLog audit;

    public ZoneImporter(Database db, ZoneStore zones, ZoneVintageStore vintages) {
        this.db = db;
        this.zones = zones;
        this.vintages = vintages;
        this.audit = new AuditLog(db);
    }

    /** What the caller says about the layer: kind and title are required for a new layer only. */
    public record LayerRequest(String id, ZoneKind kind, String title, String vintage, String source) {
        public LayerRequest {
            if (id == null || !id.matches("[a-z0-9][a-z0-9_-]{0,59}")) {
                throw ApiException.badParameter("layerId", "expected 1–60 lower-case letters, digits, '-' or '_', got '" + id + "'");
            }
        }
    }

    /**
     * Reads and checks {@code data} as records of layer {@code layerId} and stores it: {@link
     * #start} and {@link #run(LayerRequest, Checking, ImportOptions, ImportProgress)} in one.
     */
    public ImportReport run(LayerRequest request, SourceData data, ImportOptions options, ImportLimits limits,
                            ImportProgress progress) {
        Target target = target(request, data);   // a request that cannot be served is refused before the file is read
        try (Checking checking = start(request.id(), data, options, limits)) {
            return store(target, checking, options, progress);
        }
    }

    /**
     * Starts reading and checking the records (threads of their own), which needs no store: a
     * command-line import starts them while the store is still opening, and by the time the
     * layer's table is ready the first records are checked and the code that checks them warm.
     * At most a few thousand records are held ahead of the store.
     */
    public static Checking start(String layerId, SourceData data, ImportOptions options, ImportLimits limits) {
        Rows.checkCount(data, limits);
        // a CRS the file declares (or the caller gives) is known before reading: the records are then
        // read once, their typical position gathered on the way and checked at the end with the same
        // refusals a first pass would make (the transaction makes a late refusal store nothing);
        // otherwise a first pass over the records decides the CRS
        Optional<CrsChoice> stated = CrsChoice.stated(data, options);
        CrsChoice crs = stated.orElseGet(() -> CrsChoice.decide(data, options));
        TypicalPosition position = stated.isPresent() ? new TypicalPosition(data.features().size()) : null;
        return new Checking(layerId, data, crs, position, new FieldMapping(options.mapping()));
    }

    /** An import's records being read and checked ahead of the store ({@link #start}); closing it stops the threads. */
    public static final class Checking implements AutoCloseable {
        private final String layerId;
        private final SourceData data;
        private final CrsChoice crs;
        private final TypicalPosition position;
        private final Prefetched<Checked> records;

        private Checking(String layerId, SourceData data, CrsChoice crs, TypicalPosition position, FieldMapping mapping) {
            this.layerId = layerId;
            this.data = data;
            this.crs = crs;
            this.position = position;
            Reprojector.Crs from = crs.crs();
            boolean shapefile = data.format() == ExchangeFormat.SHAPEFILE;
            // reading runs on a thread of its own; reprojection, validity, mapping, the attributes'
            // JSON and the bytes the store takes on the checking threads, ahead of hashing and storing
            ThreadLocal<WKBWriter> wkb = ThreadLocal.withInitial(() -> new WKBWriter(2));   // one per checking thread
            this.records = data.features().prefetched(f -> Checked.of(layerId, f, from, crs.epsg(), shapefile, mapping, wkb.get()));
        }

        @Override
        public void close() {
            records.close();
        }
    }

    /** Stores the records {@code checking} reads, for the layer {@code request} names (the one it was started for). */
    public ImportReport run(LayerRequest request, Checking checking, ImportOptions options, ImportProgress progress) {
        if (!request.id().equals(checking.layerId)) {
            throw new IllegalArgumentException("records checked for layer " + checking.layerId + ", not " + request.id());
        }
        return store(target(request, checking.data), checking, options, progress);
    }

    /** The layer as it will be after the import, and whether it is new. */
    private record Target(ZoneLayer layer, boolean isNew) {
    }

    private Target target(LayerRequest request, SourceData data) {
        Optional<ZoneLayer> existing = zones.layer(request.id());
        ZoneKind kind = request.kind() != null ? request.kind() : existing.map(ZoneLayer::kind).orElseThrow(
                () -> ApiException.badParameter("kind", "a new layer needs its kind (boundary, restriction, zoning, roads)"));
        String title = request.title() != null && !request.title().isBlank() ? request.title().strip()
                : existing.map(ZoneLayer::titleZh).orElseThrow(() -> ApiException.badParameter("title", "a new layer needs a title"));
        if (title.length() > 200) {
            throw ApiException.badParameter("title", "longer than 200 characters");
        }
        return new Target(new ZoneLayer(request.id(), title, existing.map(ZoneLayer::titleEn).orElse(title), kind,
                request.vintage() != null ? request.vintage() : LocalDate.now().toString(),
                request.source() != null ? request.source() : data.format().title() + " import",
                null, null), existing.isEmpty());
    }

    private ImportReport store(Target target, Checking checking, ImportOptions options, ImportProgress progress) {
        SourceData data = checking.data;
        CrsChoice crs = checking.crs;
        TypicalPosition position = checking.position;
        ZoneLayer layer = target.layer();
        boolean isNew = target.isNew();
        String layerId = layer.id();
        int total = data.features().size();
        java.util.Set<String> otherColumns = new java.util.LinkedHashSet<>();
        if (options.dryRun()) {
            List<ImportReport.Rejection> rejected;
            try {
                rejected = check(checking, otherColumns, progress, (f, encoded) -> { });
            } catch (SQLException e) {
                throw new IllegalStateException("a dry run does not write", e);
            }
            confirm(data, options, position);
            return report(true, data, crs, isNew, total - rejected.size(), rejected, layerId, null, otherColumns);
        }
        // one pass: each record is checked and, while none has been rejected, sent to the store at
        // once; a rejection stops the writing, the pass goes on to report every bad row, and the
        // transaction is rolled back (all or nothing)
        Integer archived = db.inTransaction(c -> {
            Integer v = vintages.archive(c, layerId).orElse(null);
            String contentHash;
            zones.beginReplace(c, layer);
            ContentHash hash = ContentHash.holding(HASH_HOLD_BYTES);
            try (ZoneBulkWriter writer = ZoneBulkWriter.open(c, db.dialect(), layerId, total)) {
                List<ImportReport.Rejection> rejected = check(checking, otherColumns, progress,
                        (f, encoded) -> {
                            writer.add(f, encoded);
                            hash.add(encoded.code(), encoded.name(), encoded.attributes(), encoded.wkb());
                        });
                confirm(data, options, position);
                if (!rejected.isEmpty()) {
                    throw new ImportRejectedException(report(false, data, crs, isNew, total - rejected.size(), rejected,
                            layerId, null, otherColumns));
                }
                progress.report("index", total, total);
                // the held bytes are digested while the store finishes the load (on PostGIS, builds the
                // layer's spatial index: a third of a second for 200,000 polygons, the command's cores idle)
                CompletableFuture<String> digest = CompletableFuture.supplyAsync(hash::hex, ZoneImporter::hashingThread);
                writer.finish();
                contentHash = digest.join();
            }
            zones.finishReplace(c, layerId, contentHash);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", options.file());
            entry.put("format", data.format().title());
            entry.put("crs", crs.why());
            entry.put("features", total);
            entry.put("vintage", layer.vintage());
            entry.put("archivedVintage", v);
            audit.record(c, options.user(), options.address(), isNew ? "zones.import.create" : "zones.import.replace",
                    "zone_layer", layerId, null, FieldMapping.json(entry));
            return v;
        });
        progress.report("store", total, total);
        return report(false, data, crs, isNew, total, List.of(), layerId, archived, otherColumns);
    }

    private static void hashingThread(Runnable digest) {
        Thread t = new Thread(digest, "projmap-content-hash");
        t.setDaemon(true);
        t.start();
    }

    /** The checks of the CRS on the records' typical position, when it was gathered during the pass (throws the refusal). */
    private static void confirm(SourceData data, ImportOptions options, TypicalPosition position) {
        if (position != null) {
            CrsChoice.decide(data, options, position.box());
        }
    }

    /** What happens to a record that passed its checks. */
    private interface Sink {
        /** {@code encoded}: the feature's text as UTF-8 and geometry as WKB, made once on a checking thread for the hash and the COPY. */
        void accept(ZoneFeature f, ZoneBulkWriter.Encoded encoded) throws SQLException;
    }

    /**
     * Takes the checked records in order, hands each good one to {@code sink} as long as no record
     * has been rejected, and returns the rejections; adds each record's position to the typical
     * position when one is gathered.
     */
    private static List<ImportReport.Rejection> check(Checking checking, java.util.Set<String> otherColumns,
                                                      ImportProgress progress, Sink sink) throws SQLException {
        List<ImportReport.Rejection> rejected = new ArrayList<>();
        int total = checking.data.features().size();
        int n = 0;
        Prefetched<Checked> records = checking.records;
        while (records.hasNext()) {
            Checked r = records.next();
            if (++n % 1000 == 0 || n == total) {
                progress.report("load", n, total);
            }
            if (checking.position != null) {
                checking.position.add(r.centre());
            }
            otherColumns.addAll(r.otherColumns());
            if (r.problem() != null) {
                rejected.add(Rows.reject(r.record().row(), r.problem()));
            } else if (rejected.isEmpty()) {
                sink.accept(r.feature(), r.encoded());
            }
        }
        return rejected;
    }

    /** A record checked and mapped to a feature, or the reason it cannot be; the columns it keeps as other attributes. */
    private record Checked(SourceFeature record, org.locationtech.jts.geom.Coordinate centre, ZoneFeature feature,
                           ZoneBulkWriter.Encoded encoded, String problem, java.util.Set<String> otherColumns) {
        static Checked of(String layerId, SourceFeature f, Reprojector.Crs from, int epsg, boolean shapefile,
                          FieldMapping mapping, WKBWriter wkb) {
            java.util.Set<String> other = java.util.Set.of();
            var centre = TypicalPosition.centre(f.geometry());
            try {
                Geometry g = Rows.geometry(f, from, epsg, shapefile, false);
                FieldMapping.ZoneFields m = mapping.zone(f.attributes());
                other = m.extra().keySet();
                String code = m.code();
                String name = m.name();
                if (code != null && code.length() > 60) {
                    throw new IllegalArgumentException("code: longer than 60 characters");
                }
                if (name != null && name.length() > 200) {
                    throw new IllegalArgumentException("name: longer than 200 characters");
                }
                ZoneFeature feature = new ZoneFeature(0, layerId, code, name, FieldMapping.json(m.extra()), g);
                return new Checked(f, centre, feature, ZoneBulkWriter.Encoded.of(feature, wkb.write(g)), null, other);
            } catch (IllegalArgumentException e) {
                return new Checked(f, centre, null, null, e.getMessage(), other);
            }
        }
    }

    private static ImportReport report(boolean dryRun, SourceData data, CrsChoice crs, boolean isNew, int good,
                                       List<ImportReport.Rejection> rejected, String layerId, Integer archived,
                                       java.util.Set<String> otherColumns) {
        return new ImportReport(dryRun, data.format().title(), crs.why(), data.encoding(), isNew ? good : 0, isNew ? 0 : good,
                List.copyOf(rejected), layerId, archived, List.copyOf(otherColumns), data.sheet(), data.sheets());
    }
}
