package projmap.store;

/** The database cannot be reached right now; HTTP answers 503 and the pool retries by itself. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
