package projmap.zones;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import projmap.geo.BBox;
import projmap.store.Database;
import projmap.store.Dialect;
import projmap.store.SqlWork;

/**
 * Planning layers and their features in the database, the same SQL on both stores. A layer's
 * features are replaced as a whole in one transaction ({@link #replace}), so readers see the old
 * version or the new one, never a mix. Thread-safe.
 */
public final class ZoneStore {
    private final Database db;
    private final Dialect dialect;
    private final String selectFeatures;
    private final String selectShapes;

    public ZoneStore(Database db) {
        this.db = db;
        this.dialect = db.dialect();
        this.selectFeatures = "SELECT id, layer_id, code, name, " + dialect.jsonColumn("attributes") + " AS attributes, "
                + dialect.geometryColumn("geom") + " AS geom FROM zone_features";
        this.selectShapes = "SELECT id, layer_id, code, name, CAST(NULL AS VARCHAR) AS attributes, "
                + dialect.geometryBytesColumn("geom") + " AS geom FROM zone_features";
    }

    public List<ZoneLayer> layers() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, title_zh, title_en, kind, vintage, source, content_hash, updated_at FROM zone_layers ORDER BY "
                            + "CASE kind WHEN 'boundary' THEN 1 WHEN 'restriction' THEN 2 ELSE 3 END, id");
                 ResultSet rs = ps.executeQuery()) {
                List<ZoneLayer> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new ZoneLayer(rs.getString(1), rs.getString(2), rs.getString(3),
                            ZoneKind.byCode(rs.getString(4)).orElseThrow(), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getTimestamp(8).toInstant()));
                }
                return out;
            }
        });
    }

    public Optional<ZoneLayer> layer(String id) {
        return layers().stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /** The number of features of each layer, and the extent of each, in one pass. */
    public Optional<LayerExtent> extent(String layerId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*), MIN(ST_XMin(geom)), MIN(ST_YMin(geom)), MAX(ST_XMax(geom)), MAX(ST_YMax(geom))"
                            + " FROM zone_features WHERE layer_id = ?")) {
                ps.setString(1, layerId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    int n = rs.getInt(1);
                    if (n == 0) {
                        return Optional.of(new LayerExtent(0, null));
                    }
                    return Optional.of(new LayerExtent(n, new BBox(rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                            rs.getDouble(5))));
                }
            }
        });
    }

    /** The distinct feature codes of a layer with a name and a count each, most common first. */
    public List<CodeCount> codes(String layerId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT code, MIN(name), COUNT(*) FROM zone_features"
                    + " WHERE layer_id = ? GROUP BY code ORDER BY 3 DESC, 1")) {
                ps.setString(1, layerId);
                List<CodeCount> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new CodeCount(rs.getString(1), rs.getString(2), rs.getInt(3)));
                    }
                }
                return out;
            }
        });
    }

    /** One class of a layer: its code, a feature name, and how many features carry it. */
    public record CodeCount(String code, String name, int features) {
    }

    /** How many features a layer has and the box around them (null when empty). */
    public record LayerExtent(int features, BBox bounds) {
    }

    /** The layer's features whose bounding box meets {@code bbox} (all of them when null), in id order. */
    public List<ZoneFeature> features(String layerId, BBox bbox) {
        List<ZoneFeature> out = new ArrayList<>();
        forEachFeature(layerId, bbox, out::add);
        return out;
    }

    /** Streams the layer's features to {@code sink} without holding them all in memory. */
    public void forEachFeature(String layerId, BBox bbox, Consumer<ZoneFeature> sink) {
        stream(selectFeatures, layerId, bbox, sink);
    }

    /**
     * As {@link #forEachFeature}, without the attributes (null): what a vector tile shows. A
     * low-zoom tile reads thousands of rows; their JSON would be converted and sent for nothing.
     */
    public void forEachShape(String layerId, BBox bbox, Consumer<ZoneFeature> sink) {
        stream(selectShapes, layerId, bbox, sink);
    }

    private void stream(String select, String layerId, BBox bbox, Consumer<ZoneFeature> sink) {
        // a whole layer is read in a transaction: only then does PostgreSQL's driver fetch the rows
        // 1,000 at a time (in auto-commit it holds the whole result, ~1 GB for a 1M-parcel layer)
        SqlWork<Void> work = c -> {
            String sql = bbox == null ? select + " WHERE layer_id = ? ORDER BY id" : byBox(select);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(1000);
                ps.setString(1, layerId);
                if (bbox != null) {
                    double[] b = bbox.toArray();
                    for (int i = 0; i < 4; i++) {
                        ps.setDouble(i + 2, b[i]);
                    }
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new ZoneFeature(rs.getLong("id"), rs.getString("layer_id"), rs.getString("code"),
                                rs.getString("name"), rs.getString("attributes"), dialect.readGeometry(rs, "geom")));
                    }
                }
            }
            return null;
        };
        if (bbox == null) {
            db.inTransaction(work);
        } else {
            db.read(work);
        }
    }

    private static final String SPATIAL_INDEX = "zone_features_geom_idx";

    /** {@code select} (… FROM zone_features) narrowed to a layer and a box (five parameters), through the spatial index. */
    String byBox(String select) {
        return select + dialect.useSpatialIndex(SPATIAL_INDEX) + " WHERE layer_id = ? AND geom && " + dialect.envelopeParam()
                + " ORDER BY id";
    }

    /** The query a tile reads its shapes with (package-private for the plan test). */
    String shapesByBoxSql() {
        return byBox(selectShapes);
    }

    /** The table hint for a filter: the spatial index when it bounds the rows by a box. */
    private String index(projmap.store.SqlFilter where) {
        return where.byBox() ? dialect.useSpatialIndex(SPATIAL_INDEX) : "";
    }

    /** The properties OGC API clients may filter zone features by: property → column and JSON type. */
    public static final java.util.Map<String, projmap.projects.ProjectStore.Queryable> QUERYABLES = java.util.Map.of(
            "id", new projmap.projects.ProjectStore.Queryable("id", "integer"),
            "code", new projmap.projects.ProjectStore.Queryable("code", "string"),
            "name", new projmap.projects.ProjectStore.Queryable("name", "string"));

    /** The layer's features {@code where} selects, in id order, {@code limit} of them from {@code offset}. */
    public List<ZoneFeature> page(String layerId, projmap.store.SqlFilter where, int limit, long offset) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(selectFeatures + index(where) + " WHERE layer_id = ? AND ("
                    + where.sql() + ") ORDER BY id LIMIT ? OFFSET ?")) {
                ps.setString(1, layerId);
                int i = where.bind(ps, 2, dialect);
                ps.setInt(i++, limit);
                ps.setLong(i, offset);
                List<ZoneFeature> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ZoneFeature(rs.getLong("id"), rs.getString("layer_id"), rs.getString("code"),
                                rs.getString("name"), rs.getString("attributes"), dialect.readGeometry(rs, "geom")));
                    }
                }
                return out;
            }
        });
    }

    /** A feature whose geometry the database wrote as GeoJSON text (see {@link #pageAsGeoJson}). */
    public record GeoJsonRow(long id, String layerId, String code, String name, String attributes, String geometry) {
    }

    /**
     * As {@link #page}, with the geometry written by PostGIS as GeoJSON ({@code ST_AsGeoJSON} with
     * {@link #GEOJSON_DECIMALS} decimals, as {@link projmap.geo.GeoJsonWriter} rounds; {@code latLon}
     * swaps the axes) and each row handed to {@code sink} as it arrives: no WKB parsing, no JTS
     * object and no list per page. Returns how many features {@code where} selects in all, or -1
     * when the page is empty (then unknown). PostGIS only; the embedded store keeps {@link #page}.
     */
    public long pageAsGeoJson(String layerId, projmap.store.SqlFilter where, int limit, long offset, boolean latLon,
                              SqlSink<GeoJsonRow> sink) {
        if (dialect != Dialect.POSTGIS) {
            throw new IllegalStateException("GeoJSON from the database is read from PostGIS only");
        }
        String geometry = latLon ? "ST_FlipCoordinates(geom)" : "geom";
        // the page's rows are sorted out of all the matching ones anyway: COUNT(*) OVER () counts
        // them in the same pass (no second query for numberMatched); the GeoJSON is written for
        // the page's rows only (outside the window)
        String sql = "SELECT id, layer_id, code, name, attributes, ST_AsGeoJSON(" + geometry + ", " + GEOJSON_DECIMALS
                + ", 0), matched FROM (SELECT id, layer_id, code, name, " + dialect.jsonColumn("attributes")
                + " AS attributes, geom, COUNT(*) OVER () AS matched FROM zone_features WHERE layer_id = ? AND ("
                + where.sql() + ") ORDER BY id LIMIT ? OFFSET ?) page ORDER BY id";
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(1000);
                ps.setString(1, layerId);
                int i = where.bind(ps, 2, dialect);
                ps.setInt(i++, limit);
                ps.setLong(i, offset);
                long matched = -1;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        matched = rs.getLong(7);
                        sink.accept(new GeoJsonRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6)));
                    }
                }
                return matched;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Decimals of GeoJSON coordinates (about 1 cm), the same as {@link projmap.geo.GeoJsonWriter}. */
    public static final int GEOJSON_DECIMALS = 7;

    /** Takes rows while the result set is open (writes them to a response). */
    @FunctionalInterface
    public interface SqlSink<T> {
        void accept(T row) throws java.io.IOException;
    }

    /** How many of the layer's features {@code where} selects. */
    public long count(String layerId, projmap.store.SqlFilter where) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM zone_features" + index(where)
                    + " WHERE layer_id = ? AND (" + where.sql() + ")")) {
                ps.setString(1, layerId);
                where.bind(ps, 2, dialect);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * Creates or replaces a layer with the given features, all in one transaction: on any failure
     * the previous version stays as it was. Returns the layer with its new content hash.
     */
    public ZoneLayer replace(ZoneLayer layer, List<ZoneFeature> features) {
        ZoneLayer stored = db.inTransaction(c -> replaceRows(c, layer, features));
        db.changes().publish(stored.id(), null);
        return stored;
    }

    /**
     * As {@link #replace(ZoneLayer, List)}, on the caller's connection and transaction (one run by
     * {@link Database#inTransaction}); the change is announced once the caller commits, so that no
     * instance rebuilds a tile from the old rows in between.
     */
    public ZoneLayer replace(Connection c, ZoneLayer layer, List<ZoneFeature> features) throws SQLException {
        ZoneLayer stored = replaceRows(c, layer, features);
        db.afterCommit(c, () -> db.changes().publish(stored.id(), null));
        return stored;
    }

    /**
     * The first half of a streamed replacement on the caller's transaction: writes the layer row
     * (content hash still unknown) and removes the layer's features — unless, on PostGIS, they are
     * in a partition of the layer's own: those stay for readers to see until the load attaches the
     * new partition in its place ({@link ZonePartitions}), and are not deleted one by one for
     * nothing. The caller then inserts the features and calls {@link #finishReplace}.
     */
    public void beginReplace(Connection c, ZoneLayer layer) throws SQLException {
        ZoneLayer row = new ZoneLayer(layer.id(), layer.titleZh(), layer.titleEn(), layer.kind(), layer.vintage(),
                layer.source(), "", Instant.now());
        // the layer row is updated, not deleted and inserted again: a delete would cascade to every feature
        try (PreparedStatement ps = c.prepareStatement("UPDATE zone_layers SET title_zh = ?, title_en = ?, kind = ?,"
                + " vintage = ?, source = ?, content_hash = ?, updated_at = ? WHERE id = ?")) {
            bindLayer(ps, row);
            ps.setString(8, row.id());
            if (ps.executeUpdate() == 0) {
                insertLayerRow(c, row);
                return;
            }
        }
        if (dialect == Dialect.POSTGIS && ZonePartitions.of(c, layer.id()).isPresent()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM zone_features WHERE layer_id = ?")) {
            ps.setString(1, layer.id());
            ps.executeUpdate();
        }
    }

    /**
     * Sets the layer's content hash once its features are in; the change is announced once the
     * caller's transaction commits (as {@link #replace(Connection, ZoneLayer, List)}).
     */
    public void finishReplace(Connection c, String layerId, String contentHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE zone_layers SET content_hash = ? WHERE id = ?")) {
            ps.setString(1, contentHash);
            ps.setString(2, layerId);
            ps.executeUpdate();
        }
        db.afterCommit(c, () -> db.changes().publish(layerId, null));
    }

    private ZoneLayer replaceRows(Connection c, ZoneLayer layer, List<ZoneFeature> features) throws SQLException {
        ZoneLayer stored = new ZoneLayer(layer.id(), layer.titleZh(), layer.titleEn(), layer.kind(), layer.vintage(),
                layer.source(), contentHash(features), Instant.now());
        writeLayerRow(c, stored);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO zone_features (layer_id, code, name, attributes, geom)"
                + " VALUES (?, ?, ?, " + dialect.jsonParam() + ", " + dialect.geometryParam() + ")")) {
            int batch = 0;
            for (ZoneFeature f : features) {
                ps.setString(1, layer.id());
                ps.setString(2, f.code());
                ps.setString(3, f.name());
                ps.setString(4, f.attributes() == null ? "{}" : f.attributes());
                dialect.bindGeometry(ps, 5, f.geometry());
                ps.addBatch();
                if (++batch % 2000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        return stored;
    }

    private void writeLayerRow(Connection c, ZoneLayer layer) throws SQLException {
        if (dialect == Dialect.POSTGIS) {
            ZonePartitions.drop(c, layer.id());   // the rows given here go into the default partition
        }
        try (PreparedStatement del = c.prepareStatement("DELETE FROM zone_layers WHERE id = ?")) {
            del.setString(1, layer.id());
            del.executeUpdate();   // features go with it (ON DELETE CASCADE)
        }
        insertLayerRow(c, layer);
    }

    private static void insertLayerRow(Connection c, ZoneLayer layer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO zone_layers"
                + " (title_zh, title_en, kind, vintage, source, content_hash, updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            bindLayer(ps, layer);
            ps.setString(8, layer.id());
            ps.executeUpdate();
        }
    }

    /** Binds the layer's columns title_zh … updated_at to parameters 1–7 (the id comes eighth). */
    private static void bindLayer(PreparedStatement ps, ZoneLayer layer) throws SQLException {
        ps.setString(1, layer.titleZh());
        ps.setString(2, layer.titleEn());
        ps.setString(3, layer.kind().code());
        ps.setString(4, layer.vintage());
        ps.setString(5, layer.source());
        ps.setString(6, layer.contentHash());
        ps.setTimestamp(7, Timestamp.from(layer.updatedAt()));
    }

    /** Removes every layer and feature (demo reset), on the caller's transaction. */
    public void deleteAll(Connection c) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM zone_layers"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        if (dialect == Dialect.POSTGIS) {
            ZonePartitions.dropAll(c);   // a whole table each, rather than their rows one by one
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM zone_layers")) {
            ps.executeUpdate();
        }
        db.afterCommit(c, () -> ids.forEach(id -> db.changes().publish(id, null)));
    }

    /** SHA-256 over the features' codes, names, attributes and WKB, in order: the layer's version. */
    static String contentHash(List<ZoneFeature> features) {
        ContentHash h = new ContentHash();
        features.forEach(h::add);
        return h.hex();
    }
}
