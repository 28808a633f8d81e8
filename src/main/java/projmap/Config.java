package projmap;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import projmap.checks.CheckSettings;
import projmap.maps.MapSettings;
import projmap.tours.TourSettings;
import projmap.progress.ProgressSettings;

/**
 * The server's settings, read once at start-up and immutable afterwards.
 *
 * <p>Sources, later ones winning: defaults in code, environment variables ({@code PROJMAP_PORT}
 * …), then command-line flags ({@code --port=…} or {@code --port …}). Unknown flags and malformed
 * values are rejected with a {@link ConfigException} whose message is one line naming the setting
 * and what was expected, so a wrong value never shows up only as a stack trace.
 */
public record Config(int port, Path home, Optional<String> dbUrl, String dbUser, String dbPassword,
                     boolean publicRead, Optional<String> basemapUrl, Optional<String> basemapAttribution,
                     Optional<String> adminPassword, CheckSettings checks,
                     ProgressSettings progress, TourSettings tours, MapSettings maps) {

    /** One setting: its flag name, environment variable and default. */
    private enum Key {
        PORT("port", "PROJMAP_PORT", "7070"),
        HOME("home", "PROJMAP_HOME", "./var"),
        DB_URL("db-url", "PROJMAP_DB_URL", ""),
        DB_USER("db-user", "PROJMAP_DB_USER", ""),
        DB_PASSWORD("db-password", "PROJMAP_DB_PASSWORD", ""),
        PUBLIC_READ("public-read", "PROJMAP_PUBLIC_READ", "true"),
        BASEMAP("basemap", "PROJMAP_BASEMAP", ""),
        BASEMAP_ATTRIBUTION("basemap-attribution", "PROJMAP_BASEMAP_ATTRIBUTION", ""),
        ADMIN_PASSWORD("admin-password", "PROJMAP_ADMIN_PASSWORD", ""),
        // site checks (README "Site checks"); defaults as in CheckSettings.defaults()
        CHECK_TOLERANCE_M2("check-tolerance-m2", "PROJMAP_CHECK_TOLERANCE_M2", "1"),
        CHECK_TOLERANCE_M("check-tolerance-m", "PROJMAP_CHECK_TOLERANCE_M", "1"),
        CHECK_INSIDE_SHARE("check-inside-share", "PROJMAP_CHECK_INSIDE_SHARE", "0.999"),
        CHECK_INCOMPATIBLE_SHARE("check-incompatible-share", "PROJMAP_CHECK_INCOMPATIBLE_SHARE", "0.05"),
        CHECK_MAX_AREA_KM2("check-max-area-km2", "PROJMAP_CHECK_MAX_AREA_KM2", "500"),
        CHECK_MAX_VERTICES("check-max-vertices", "PROJMAP_CHECK_MAX_VERTICES", "100000"),
        CHECK_COMPATIBILITY("check-compatibility", "PROJMAP_CHECK_COMPATIBILITY", ""),
        CHECK_BACKGROUND("check-background", "PROJMAP_CHECK_BACKGROUND", "true"),
        // the lagging rule and the department scores (README "Accounts and editing")
        LAGGING_TOLERANCE("lagging-tolerance", "PROJMAP_LAGGING_TOLERANCE", "0.10"),
        REPORT_DUE_DAY("report-due-day", "PROJMAP_REPORT_DUE_DAY", "5"),
        SCORE_WEIGHTS("score-weights", "PROJMAP_SCORE_WEIGHTS", "0.4,0.3,0.3"),
        // leadership tours (README "Leadership tours"); defaults as in TourSettings.defaults()
        TOUR_SPEED_KMH("tour-speed-kmh", "PROJMAP_TOUR_SPEED_KMH", "30"),
        TOUR_DETOUR("tour-detour", "PROJMAP_TOUR_DETOUR", "1.3"),
        TOUR_ARRIVAL_M("tour-arrival-m", "PROJMAP_TOUR_ARRIVAL_M", "150"),
        TOUR_BASEMAP_OFFLINE("tour-basemap-offline", "PROJMAP_TOUR_BASEMAP_OFFLINE", "false"),
        TOUR_ROADS("tour-roads", "PROJMAP_TOUR_ROADS", ""),
        // planning layers held in memory for tiles and OGC items (README "Map layers")
        MEMORY_LAYER_MAX_FEATURES("memory-layer-max-features", "PROJMAP_MEMORY_LAYER_MAX_FEATURES",
                String.valueOf(projmap.zones.LayerSnapshots.DEFAULT_MAX_FEATURES)),
        // the tile caches (README "Map layers"): megabytes, 0 switches one off
        TILE_CACHE_MB("tile-cache-mb", "PROJMAP_TILE_CACHE_MB", String.valueOf(MapSettings.DEFAULT_TILE_CACHE_MB)),
        TILE_DISK_CACHE_MB("tile-disk-cache-mb", "PROJMAP_TILE_DISK_CACHE_MB",
                String.valueOf(MapSettings.DEFAULT_TILE_DISK_CACHE_MB));

        final String flag;
        final String env;
        final String fallback;

        Key(String flag, String env, String fallback) {
            this.flag = flag;
            this.env = env;
            this.fallback = fallback;
        }
    }

    /** A setting that cannot be used; the message is meant to be printed as it is. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }

    /** Settings for tests and embedding: an embedded store under {@code home}, any free port. */
    public static Config embedded(Path home) {
        // no background re-checks: a test or an embedding asks for checks when it wants them
        return new Config(0, home, Optional.empty(), "", "", true, Optional.empty(), Optional.empty(), Optional.empty(),
                CheckSettings.defaults().withBackground(false), ProgressSettings.defaults(), TourSettings.defaults(),
                MapSettings.defaults());
    }

    public Config withPort(int newPort) {
        return new Config(newPort, home, dbUrl, dbUser, dbPassword, publicRead, basemapUrl, basemapAttribution,
                adminPassword, checks, progress, tours, maps);
    }

    /** The same settings with anonymous reading switched on or off. */
    public Config withPublicRead(boolean on) {
        return new Config(port, home, dbUrl, dbUser, dbPassword, on, basemapUrl, basemapAttribution, adminPassword,
                checks, progress, tours, maps);
    }

    /** The same settings with the first administrator's password given. */
    public Config withAdminPassword(String password) {
        return new Config(port, home, dbUrl, dbUser, dbPassword, publicRead, basemapUrl, basemapAttribution,
                Optional.of(password), checks, progress, tours, maps);
    }

    /** The same settings with other site-check settings. */
    public Config withChecks(CheckSettings newChecks) {
        return new Config(port, home, dbUrl, dbUser, dbPassword, publicRead, basemapUrl, basemapAttribution,
                adminPassword, newChecks, progress, tours, maps);
    }

    /** The same settings with another lagging rule and scoreboard. */
    public Config withProgress(ProgressSettings settings) {
        return new Config(port, home, dbUrl, dbUser, dbPassword, publicRead, basemapUrl, basemapAttribution,
                adminPassword, checks, settings, tours, maps);
    }

    /** The same settings with other tour settings. */
    public Config withTours(TourSettings settings) {
        return new Config(port, home, dbUrl, dbUser, dbPassword, publicRead, basemapUrl, basemapAttribution,
                adminPassword, checks, progress, settings, maps);
    }

    /** The same settings with other map memory and tile cache sizes. */
    public Config withMaps(MapSettings settings) {
        return new Config(port, home, dbUrl, dbUser, dbPassword, publicRead, basemapUrl, basemapAttribution,
                adminPassword, checks, progress, tours, settings);
    }

    public Config withDatabase(String url, String user, String password) {
        return new Config(port, home, Optional.of(url), user, password, publicRead, basemapUrl, basemapAttribution,
                adminPassword, checks, progress, tours, maps);
    }

    /**
     * Reads the settings from the environment and the given flags. Arguments that are not flags
     * (the command and its operands) are ignored here.
     */
    public static Config load(Map<String, String> env, List<String> args) {
        Map<Key, String> values = new LinkedHashMap<>();
        Map<Key, String> origin = new LinkedHashMap<>();
        for (Key key : Key.values()) {
            String fromEnv = env.get(key.env);
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(key, fromEnv.trim());
                origin.put(key, key.env);
            } else {
                values.put(key, key.fallback);
                origin.put(key, key.env);
            }
        }
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.equals("--help") || arg.equals("--reset")
                    || arg.equals("--dry-run")) {
                continue;
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new ConfigException("--" + name + ": a value is expected (--" + name + "=VALUE)");
            }
            Key key = flag(name);
            values.put(key, value.trim());
            origin.put(key, "--" + key.flag);
        }
        int port = parsePort(values.get(Key.PORT), origin.get(Key.PORT));
        Path home = Path.of(values.get(Key.HOME));
        String url = values.get(Key.DB_URL);
        if (!url.isEmpty() && !url.startsWith("jdbc:postgresql://")) {
            throw new ConfigException(origin.get(Key.DB_URL) + ": expected a PostgreSQL JDBC URL "
                    + "(jdbc:postgresql://HOST:PORT/DATABASE) or nothing for the embedded store, got '" + url + "'");
        }
        boolean publicRead = parseBoolean(values.get(Key.PUBLIC_READ), origin.get(Key.PUBLIC_READ));
        String basemap = values.get(Key.BASEMAP);
        if (!basemap.isEmpty() && !basemap.matches("(?i)(https?://|/).*\\{z}.*")) {
            throw new ConfigException(origin.get(Key.BASEMAP) + ": expected a tile URL template with {z}, {x} "
                    + "and {y} (e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png), got '" + basemap + "'");
        }
        return new Config(port, home, url.isEmpty() ? Optional.empty() : Optional.of(url),
                values.get(Key.DB_USER), values.get(Key.DB_PASSWORD), publicRead,
                basemap.isEmpty() ? Optional.empty() : Optional.of(basemap),
                Optional.of(values.get(Key.BASEMAP_ATTRIBUTION)).filter(s -> !s.isEmpty()),
                Optional.of(values.get(Key.ADMIN_PASSWORD)).filter(s -> !s.isEmpty()),
                checks(values, origin), progress(values, origin),
                tours(values, origin), maps(values, origin));
    }

    /** Planning layers held in memory, and the tile caches' sizes. */
    private static MapSettings maps(Map<Key, String> values, Map<Key, String> origin) {
        return new MapSettings(
                wholeNumber(values, origin, Key.MEMORY_LAYER_MAX_FEATURES, "features", "0 keeps no layer in memory for maps"),
                wholeNumber(values, origin, Key.TILE_CACHE_MB, "megabytes", "0: no tile cache in memory"),
                wholeNumber(values, origin, Key.TILE_DISK_CACHE_MB, "megabytes", "0: no tile cache on disk"));
    }

    /** A whole number, 0 or more, or a one-line refusal naming the setting. */
    private static int wholeNumber(Map<Key, String> values, Map<Key, String> origin, Key key, String unit, String zero) {
        String v = values.get(key);
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ConfigException(origin.get(key) + ": expected a whole number of " + unit
                + " (0 or more; " + zero + "), got '" + v + "'");
    }

    /** The planning layers' bound for memory (see {@link MapSettings#memoryLayerMaxFeatures}). */
    public int memoryLayerMaxFeatures() {
        return maps.memoryLayerMaxFeatures();
    }

    private static TourSettings tours(Map<Key, String> values, Map<Key, String> origin) {
        return new TourSettings(between(values, origin, Key.TOUR_SPEED_KMH, 1, 200),
                between(values, origin, Key.TOUR_DETOUR, 1, 5), between(values, origin, Key.TOUR_ARRIVAL_M, 10, 5000),
                parseBoolean(values.get(Key.TOUR_BASEMAP_OFFLINE), origin.get(Key.TOUR_BASEMAP_OFFLINE)),
                TourSettings.defaults().photosPerStop(), roadsLayer(values.get(Key.TOUR_ROADS), origin.get(Key.TOUR_ROADS)));
    }

    /** A layer id as the importer accepts them; whether the layer exists is checked at start-up (App). */
    private static Optional<String> roadsLayer(String value, String origin) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.matches("[a-z0-9][a-z0-9_-]{0,59}")) {
            throw new ConfigException(origin + ": expected the id of a planning layer of kind roads (lower-case "
                    + "letters, digits, '-' or '_'), got '" + value + "'");
        }
        return Optional.of(value);
    }

    private static double between(Map<Key, String> values, Map<Key, String> origin, Key key, double min, double max) {
        double d = number(values.get(key));
        if (d >= min && d <= max) {
            return d;
        }
        throw new ConfigException(origin.get(key) + ": expected a number from " + fmt(min) + " to " + fmt(max) + ", got '"
                + values.get(key) + "'");
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static ProgressSettings progress(Map<Key, String> values, Map<Key, String> origin) {
        String tolText = values.get(Key.LAGGING_TOLERANCE);
        BigDecimal tolerance;
        try {
            tolerance = new BigDecimal(tolText);
        } catch (NumberFormatException e) {
            tolerance = null;
        }
        if (tolerance == null || tolerance.signum() < 0 || tolerance.compareTo(BigDecimal.ONE) > 0) {
            throw new ConfigException(origin.get(Key.LAGGING_TOLERANCE) + ": expected a share from 0 to 1 "
                    + "(0.10 = 10 percentage points behind the plan curve), got '" + tolText + "'");
        }
        String dayText = values.get(Key.REPORT_DUE_DAY);
        int day;
        try {
            day = Integer.parseInt(dayText);
        } catch (NumberFormatException e) {
            day = -1;
        }
        if (day < 1 || day > 28) {
            throw new ConfigException(origin.get(Key.REPORT_DUE_DAY) + ": expected a day of the month from 1 to 28, got '"
                    + dayText + "'");
        }
        String weightsText = values.get(Key.SCORE_WEIGHTS);
        String[] parts = weightsText.split(",", -1);
        double[] w = new double[3];
        boolean ok = parts.length == 3;
        for (int i = 0; ok && i < 3; i++) {
            try {
                w[i] = Double.parseDouble(parts[i].trim());
                ok = w[i] >= 0 && w[i] <= 1 && !Double.isNaN(w[i]);
            } catch (NumberFormatException e) {
                ok = false;
            }
        }
        if (!ok || Math.abs(w[0] + w[1] + w[2] - 1) > 1e-9) {
            throw new ConfigException(origin.get(Key.SCORE_WEIGHTS) + ": expected three weights from 0 to 1 adding up "
                    + "to 1 (on-time reports,milestones,investment, e.g. 0.4,0.3,0.3), got '" + weightsText + "'");
        }
        return new ProgressSettings(tolerance, day, w[0], w[1], w[2]);
    }

    private static CheckSettings checks(Map<Key, String> values, Map<Key, String> origin) {
        String matrix = values.get(Key.CHECK_COMPATIBILITY);
        Optional<Path> compatibility = matrix.isEmpty() ? Optional.empty() : Optional.of(Path.of(matrix));
        if (compatibility.isPresent() && !java.nio.file.Files.isReadable(compatibility.get())) {
            throw new ConfigException(origin.get(Key.CHECK_COMPATIBILITY) + ": expected a readable compatibility "
                    + "matrix file (CSV, see README \"Site checks\"), got '" + matrix + "'");
        }
        double maxVertices = positive(values, origin, Key.CHECK_MAX_VERTICES);
        if (maxVertices != Math.rint(maxVertices) || maxVertices > Integer.MAX_VALUE) {
            throw new ConfigException(origin.get(Key.CHECK_MAX_VERTICES) + ": expected a whole number of vertices, got '"
                    + values.get(Key.CHECK_MAX_VERTICES) + "'");
        }
        return new CheckSettings(positive(values, origin, Key.CHECK_TOLERANCE_M2),
                positive(values, origin, Key.CHECK_TOLERANCE_M), share(values, origin, Key.CHECK_INSIDE_SHARE),
                share(values, origin, Key.CHECK_INCOMPATIBLE_SHARE), positive(values, origin, Key.CHECK_MAX_AREA_KM2),
                (int) maxVertices, CheckSettings.defaults().maxFeaturesListed(), compatibility,
                parseBoolean(values.get(Key.CHECK_BACKGROUND), origin.get(Key.CHECK_BACKGROUND)));
    }

    private static double positive(Map<Key, String> values, Map<Key, String> origin, Key key) {
        double d = number(values.get(key));
        if (d > 0 && Double.isFinite(d)) {
            return d;
        }
        throw new ConfigException(origin.get(key) + ": expected a positive number, got '" + values.get(key) + "'");
    }

    private static double share(Map<Key, String> values, Map<Key, String> origin, Key key) {
        double d = number(values.get(key));
        if (d > 0 && d <= 1) {
            return d;
        }
        throw new ConfigException(origin.get(key) + ": expected a share above 0 and at most 1 (e.g. 0.05 for 5 %), got '"
                + values.get(key) + "'");
    }

    private static double number(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static Key flag(String name) {
        for (Key key : Key.values()) {
            if (key.flag.equals(name)) {
                return key;
            }
        }
        throw new ConfigException("--" + name + ": unknown option (see --help)");
    }

    private static int parsePort(String value, String origin) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(origin + ": expected a TCP port number from 0 to 65535, got '" + value + "'");
    }

    private static boolean parseBoolean(String value, String origin) {
        return switch (value.toLowerCase()) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new ConfigException(origin + ": expected true or false, got '" + value + "'");
        };
    }

    public boolean embeddedStore() {
        return dbUrl.isEmpty();
    }

    /** The effective settings for the start-up log, password masked. */
    public String describe() {
        return "port=" + port + " home=" + home.toAbsolutePath().normalize()
                + " store=" + dbUrl.map(u -> "postgis " + u.replaceAll("password=[^&]*", "password=***")
                        + (dbUser.isEmpty() ? "" : " user=" + dbUser))
                        .orElse("h2gis (embedded)")
                + " publicRead=" + publicRead
                + " basemap=" + basemapUrl.orElse("none")
                + " adminPassword=" + (adminPassword.isPresent() ? "***" : "(generated on first start)")
                + " checks=" + checks.describe()
                + " laggingTolerance=" + progress.laggingTolerance().toPlainString()
                + " reportDueDay=" + progress.reportDueDay() + " scoreWeights=" + progress.weightsText()
                + " tourRoads=" + tours.roadsLayer().orElse("none")
                + " memoryLayerMaxFeatures=" + maps.memoryLayerMaxFeatures()
                + " tileCacheMb=" + maps.tileCacheMb() + " tileDiskCacheMb=" + maps.tileDiskCacheMb();
    }

    /** The help text for the flags, one line each. */
    static String flagsHelp() {
        StringBuilder sb = new StringBuilder();
        for (Key key : Key.values()) {
            sb.append(String.format("  --%-22s %-28s default: %s%n", key.flag + "=VALUE", key.env,
                    key.fallback.isEmpty() ? "(none)" : key.fallback));
        }
        return sb.toString();
    }
}
