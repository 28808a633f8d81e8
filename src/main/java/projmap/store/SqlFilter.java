package projmap.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A WHERE condition as SQL text with {@code ?} placeholders and its parameters, in order. The
 * text is only ever built from whitelisted column names, operators and placeholders (see
 * {@code projmap.ogc.Cql2Sql}); every value a caller supplied travels as a bound parameter.
 */
public record SqlFilter(String sql, List<Object> params, boolean byBox) {
    public static final SqlFilter TRUE = new SqlFilter("1 = 1", List.of());

    public SqlFilter {
        params = List.copyOf(params);
    }

    public SqlFilter(String sql, List<Object> params) {
        this(sql, params, false);
    }

    /**
     * A condition that keeps only rows whose geometry's box meets a box ({@code geom && …}), ANDed
     * to whatever else: the spatial index serves it best (see {@link Dialect#useSpatialIndex}).
     */
    public static SqlFilter byBox(String sql, List<Object> params) {
        return new SqlFilter(sql, params, true);
    }

    public SqlFilter and(SqlFilter other) {
        if (this == TRUE) {
            return other;
        }
        if (other == TRUE) {
            return this;
        }
        List<Object> p = new ArrayList<>(params);
        p.addAll(other.params);
        return new SqlFilter("(" + sql + ") AND (" + other.sql + ")", p, byBox || other.byBox);
    }

    /**
     * Binds the parameters from position {@code start}; returns the next free position. JTS
     * geometries go through the dialect (placeholders from {@link Dialect#geometryParam()}).
     */
    public int bind(PreparedStatement ps, int start, Dialect dialect) throws SQLException {
        int i = start;
        for (Object p : params) {
            if (p instanceof org.locationtech.jts.geom.Geometry g) {
                dialect.bindGeometry(ps, i++, g);
            } else if (p instanceof java.time.LocalDate d) {
                ps.setDate(i++, java.sql.Date.valueOf(d));
            } else if (p instanceof java.time.Instant t) {
                ps.setTimestamp(i++, java.sql.Timestamp.from(t));
            } else {
                ps.setObject(i++, p);
            }
        }
        return i;
    }
}
