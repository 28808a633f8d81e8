package projmap.exchange;

import java.util.Map;
import projmap.http.ApiException;

/**
 * A file that cannot be imported as a whole (unreadable, unsafe, over a limit, no CRS): the
 * import stops before anything is stored. {@code code} is stable ({@code corrupt_zip},
 * {@code missing_part}, {@code crs_required} …) and is what the hostile-file manifest checks.
 */
public final class FileRejectedException extends ApiException {
    public FileRejectedException(int status, String code, String message) {
        super(status, code, message, Map.of());
    }

    public FileRejectedException(String code, String message) {
        this(400, code, message);
    }

    public static FileRejectedException tooLarge(String message) {
        return new FileRejectedException(413, "too_large", message);
    }
}
