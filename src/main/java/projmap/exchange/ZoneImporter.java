package projmap.exchange;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import projmap.http.ApiException;
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
 * all-or-nothing as for projects. Thread-safe.
 */
public final class ZoneImporter {
    private final Database db;
    private final ZoneStore zones;
    private final ZoneVintageStore vintages;

    public ZoneImporter(Database db, ZoneStore zones, ZoneVintageStore vintages) {
        this.db = db;
        this.zones = zones;
        this.vintages = vintages;
    }

    /** What the caller says about the layer: kind and title are required for a new layer only. */
    public record LayerRequest(String id, ZoneKind kind, String title, String vintage, String source) {
        public LayerRequest {
            if (id == null || !id.matches("[a-z0-9][a-z0-9_-]{0,59}")) {
                throw ApiException.badParameter("layerId", "expected 1–60 lower-case letters, digits, '-' or '_', got '" + id + "'");
            }
        }
    }

    public ImportReport run(LayerRequest request, SourceData data, ImportOptions options, ImportLimits limits,
                            ImportProgress progress) {
        Optional<ZoneLayer> existing = zones.layer(request.id());
        ZoneKind kind = request.kind() != null ? request.kind() : existing.map(ZoneLayer::kind).orElseThrow(
                () -> ApiException.badParameter("kind", "a new layer needs its kind (boundary, restriction, zoning)"));
        String title = request.title() != null && !request.title().isBlank() ? request.title().strip()
                : existing.map(ZoneLayer::titleZh).orElseThrow(() -> ApiException.badParameter("title", "a new layer needs a title"));
        if (title.length() > 200) {
            throw ApiException.badParameter("title", "longer than 200 characters");
        }
        Rows.checkCount(data, limits);
        CrsChoice crs = CrsChoice.decide(data, options);
        FieldMapping mapping = new FieldMapping(options.mapping());
        List<ImportReport.Rejection> rejected = new ArrayList<>();
        List<ZoneFeature> features = new ArrayList<>(data.features().size());
        int n = 0;
        for (SourceFeature f : data.features()) {
            if (++n % 1000 == 0 || n == data.features().size()) {
                progress.report("check", n, data.features().size());
            }
            try {
                Geometry g = Rows.geometry(f, crs, data.format() == ExchangeFormat.SHAPEFILE);
                FieldMapping.Mapped m = mapping.zone(f.attributes());
                String code = m.properties().path("code").asText(null);
                String name = m.properties().path("name").asText(null);
                if (code != null && code.length() > 60) {
                    throw new IllegalArgumentException("code: longer than 60 characters");
                }
                if (name != null && name.length() > 200) {
                    throw new IllegalArgumentException("name: longer than 200 characters");
                }
                features.add(new ZoneFeature(0, request.id(), code, name, FieldMapping.json(m.extra()), g));
            } catch (IllegalArgumentException e) {
                rejected.add(Rows.reject(f.row(), e.getMessage()));
            }
        }
        ZoneLayer layer = new ZoneLayer(request.id(), title, existing.map(ZoneLayer::titleEn).orElse(title), kind,
                request.vintage() != null ? request.vintage() : LocalDate.now().toString(),
                request.source() != null ? request.source() : data.format().title() + " import",
                null, null);
        boolean isNew = existing.isEmpty();
        if (options.dryRun() || !rejected.isEmpty()) {
            ImportReport r = new ImportReport(options.dryRun(), data.format().title(), crs.why(), data.encoding(),
                    isNew ? features.size() : 0, isNew ? 0 : features.size(), List.copyOf(rejected), request.id(), null);
            if (!options.dryRun()) {
                throw new ImportRejectedException(r);
            }
            return r;
        }
        Integer archived = db.inTransaction(c -> {
            Integer v = vintages.archive(c, request.id()).orElse(null);
            progress.report("store", 0, features.size());
            zones.replace(c, layer, features);
            progress.report("store", features.size(), features.size());
            return v;
        });
        return new ImportReport(false, data.format().title(), crs.why(), data.encoding(),
                isNew ? features.size() : 0, isNew ? 0 : features.size(), List.of(), request.id(), archived);
    }
}
