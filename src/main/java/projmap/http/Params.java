package projmap.http;

import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import projmap.geo.BBox;

/**
 * Reading query parameters into typed values, each failure an {@link ApiException} that names the
 * parameter and what was expected. Repeated and comma-separated values both count
 * ({@code status=a&status=b} or {@code status=a,b}).
 */
public final class Params {
    private Params() {
    }

    public static BBox bbox(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return BBox.parse(v);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter(name, e.getMessage());
        }
    }

    public static List<String> list(Context ctx, String name) {
        return ctx.queryParams(name).stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Values of a coded parameter, each looked up in its code list; unknown codes name the known ones. */
    public static <T> Set<T> codes(Context ctx, String name, Function<String, Optional<T>> lookup, List<String> known) {
        Set<T> out = new LinkedHashSet<>();
        for (String v : list(ctx, name)) {
            out.add(lookup.apply(v).orElseThrow(() -> new ApiException(400, "invalid_parameter",
                    name + ": unknown value '" + v + "'; expected one of " + String.join(", ", known),
                    java.util.Map.of("parameter", name, "value", v, "allowed", known))));
        }
        return out;
    }

    public static Integer integer(Context ctx, String name, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.badParameter(name, "expected a whole number from " + min + " to " + max + ", got '" + v + "'");
    }

    public static long id(Context ctx, String name) {
        String v = ctx.pathParam(name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "expected a numeric id, got '" + v + "'");
        }
    }

    /** The tile of a {@code /{z}/{x}/{y}} path; a 400 naming {@code z/x/y} for one outside the grid. */
    public static projmap.geo.TileCoord tile(Context ctx) {
        int z = pathNumber(ctx, "z");
        int x = pathNumber(ctx, "x");
        int y = pathNumber(ctx, "y");
        try {
            return new projmap.geo.TileCoord(z, x, y);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_parameter", "z/x/y: " + e.getMessage(),
                    java.util.Map.of("parameter", "z/x/y", "value", z + "/" + x + "/" + y));
        }
    }

    /** A whole number in the path; a 400 naming it otherwise. */
    public static int pathNumber(Context ctx, String name) {
        String v = ctx.pathParam(name);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "expected a whole number, got '" + v + "'");
        }
    }
}
