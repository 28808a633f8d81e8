package projmap.geo;

/**
 * A geometry given by a user that cannot be used. {@code code} is a stable machine word
 * ({@code invalid_geojson}, {@code invalid_geometry}, {@code out_of_range} …), {@code where} says
 * where in the input the problem is (a JSON path such as {@code coordinates[0][3]}, or a lon/lat
 * position), so that the caller can find and fix it.
 */
public class GeometryInputException extends RuntimeException {
    private final String code;
    private final String where;

    public GeometryInputException(String code, String message, String where) {
        super(message);
        this.code = code;
        this.where = where;
    }

    public String code() {
        return code;
    }

    public String where() {
        return where;
    }
}
