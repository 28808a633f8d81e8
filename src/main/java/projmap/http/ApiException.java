package projmap.http;

import java.util.Map;

/**
 * A request that cannot be served as asked, with its HTTP status, a stable error code, a message
 * for a person, and details naming the offending parameter or value. Mapped to the JSON error body
 * of DESIGN.md in one place ({@link ErrorResponses}).
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, Object> details;

    public ApiException(int status, String code, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details == null ? Map.of() : details;
    }

    public static ApiException badParameter(String parameter, String message) {
        return new ApiException(400, "invalid_parameter", parameter + ": " + message, Map.of("parameter", parameter));
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(404, "not_found", what + " '" + id + "' does not exist", Map.of("id", String.valueOf(id)));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
