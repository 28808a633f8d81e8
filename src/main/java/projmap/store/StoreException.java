package projmap.store;

import java.sql.SQLException;

/** An SQL failure that is not a lost connection: a bug or a violated constraint. */
public class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public SQLException sqlException() {
        return (SQLException) getCause();
    }
}
