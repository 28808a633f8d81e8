package projmap.auth;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * Keeps the H2GIS audit log append-only: refuses every UPDATE and DELETE on {@code audit_log}
 * (installed by the V2 migration; PostGIS does the same with a PL/pgSQL trigger).
 */
public final class AppendOnlyTrigger implements Trigger {
    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("the audit log is append-only", "42000");
    }
}
