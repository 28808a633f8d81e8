package projmap.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of work on one connection, inside a transaction when run by {@link Database#inTransaction}. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
