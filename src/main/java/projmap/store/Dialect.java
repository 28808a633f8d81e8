package projmap.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import net.postgis.jdbc.jts.JtsBinaryParser;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;

/**
 * What differs between the embedded H2GIS store and PostGIS, decided once when the database is
 * opened: how a geometry goes in and comes out, how a JSON value is bound, and where each
 * store's migrations live. Everything else is the same SQL on both.
 *
 * <p>Geometries travel to PostGIS as ISO WKB (exact, no decimal rounding) through
 * {@code ST_GeomFromWKB}, and come back as the column's own EWKB, parsed by PostGIS JDBC's JTS
 * parser. H2 binds and returns JTS geometries natively. SRID is always 4326 (CGCS2000 lon/lat is treated as WGS84,
 * see DESIGN.md).
 */
public enum Dialect {
    // H2: "? FORMAT JSON" parses the text; CAST(? AS JSON) would store it as one JSON string
    H2GIS("h2gis", "classpath:db/migration/h2gis", "? FORMAT JSON"),
    POSTGIS("postgis", "classpath:db/migration/postgis", "CAST(? AS JSONB)");

    public static final int SRID = 4326;

    private final String storeName;
    private final String migrations;
    private final String jsonParam;

    Dialect(String storeName, String migrations, String jsonParam) {
        this.storeName = storeName;
        this.migrations = migrations;
        this.jsonParam = jsonParam;
    }

    /** The name reported by {@code /health}: {@code h2gis} or {@code postgis}. */
    public String storeName() {
        return storeName;
    }

    String migrations() {
        return migrations;
    }

    /**
     * The SQL placeholder for a geometry parameter bound with {@link #bindGeometry}. H2 takes JTS
     * geometries natively (no function call per row, which made bulk loads ~5× slower).
     */
    public String geometryParam() {
        return this == H2GIS ? "?" : "ST_GeomFromWKB(?, " + SRID + ")";
    }

    /** The SQL expression that reads geometry column {@code column} for {@link #readGeometry}. */
    public String geometryColumn(String column) {
        // both stores hand the column over as it is: H2 as a JTS object, PostGIS as hex EWKB text
        // that PostGIS JDBC's parser reads straight into JTS (no ST_AsBinary call per row)
        return column;
    }

    /**
     * As {@link #geometryColumn}, for reads of many rows (tiles): PostGIS hands the EWKB over as
     * bytes — binary on a prepared statement, half the bytes of hex text and no hex to parse.
     */
    public String geometryBytesColumn(String column) {
        return this == POSTGIS ? column + "::bytea" : column;
    }

    /** The SQL placeholder for a JSON text parameter. */
    public String jsonParam() {
        return jsonParam;
    }

    /** The SQL expression that reads a JSON column as text. */
    public String jsonColumn(String column) {
        return this == POSTGIS ? column + "::text" : "CAST(" + column + " AS VARCHAR)";
    }

    /**
     * A table hint that makes the store read through the named spatial index. H2's planner prefers
     * an equality index (zone_features.layer_id) over its spatial one and then scans the whole
     * layer for a box — every tile of the demo city's 25,000 parcels read all of them (~100 ms a
     * tile); PostgreSQL weighs both and needs no hint.
     */
    public String useSpatialIndex(String index) {
        return this == H2GIS ? " USE INDEX (" + index + ")" : "";
    }

    /** An envelope in lon/lat as SQL, four parameters (minx, miny, maxx, maxy). */
    public String envelopeParam() {
        return "ST_MakeEnvelope(?, ?, ?, ?, " + SRID + ")";
    }

    public void bindGeometry(PreparedStatement ps, int index, Geometry geometry) throws SQLException {
        if (this == H2GIS) {
            if (geometry != null && geometry.getSRID() != SRID) {
                geometry = geometry.copy();
                geometry.setSRID(SRID);
            }
            ps.setObject(index, geometry);
        } else if (geometry == null) {
            ps.setNull(index, java.sql.Types.BINARY);
        } else {
            // 2D ISO WKB; a Z value from a GPS or a CAD file is not kept
            ps.setBytes(index, new WKBWriter(2).write(geometry));
        }
    }

    public Geometry readGeometry(ResultSet rs, int index) throws SQLException {
        if (this == H2GIS) {
            return rs.getObject(index, Geometry.class);
        }
        try {
            Geometry geometry;
            if (rs.getMetaData().getColumnType(index) == java.sql.Types.BINARY) {   // geometryBytesColumn
                byte[] ewkb = rs.getBytes(index);
                if (ewkb == null) {
                    return null;
                }
                geometry = new org.locationtech.jts.io.WKBReader().read(ewkb);
            } else {
                String ewkb = rs.getString(index);
                if (ewkb == null) {
                    return null;
                }
                geometry = new JtsBinaryParser().parse(ewkb);
            }
            geometry.setSRID(SRID);
            return geometry;
        } catch (RuntimeException | org.locationtech.jts.io.ParseException e) {
            throw new SQLException("unreadable geometry from the store: " + e.getMessage(), e);
        }
    }

    public Geometry readGeometry(ResultSet rs, String column) throws SQLException {
        return readGeometry(rs, rs.findColumn(column));
    }
}
