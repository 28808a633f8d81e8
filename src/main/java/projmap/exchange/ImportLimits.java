package projmap.exchange;

import java.util.Map;

/**
 * How much an import may bring: the upload's size, the unpacked size of an archive, the number of
 * archive entries, and the number of features. Set by {@code PROJMAP_IMPORT_MAX_BYTES},
 * {@code PROJMAP_IMPORT_MAX_UNPACKED_BYTES}, {@code PROJMAP_IMPORT_MAX_FEATURES}; a file over a
 * limit is refused with 413 before anything is stored.
 */
public record ImportLimits(long maxBytes, long maxUnpackedBytes, int maxEntries, int maxFeatures) {
    public static final ImportLimits DEFAULT = new ImportLimits(200L << 20, 1L << 30, 64, 1_000_000);

    public ImportLimits {
        if (maxBytes <= 0 || maxUnpackedBytes <= 0 || maxEntries <= 0 || maxFeatures <= 0) {
            throw new IllegalArgumentException("import limits must be positive");
        }
    }

    /** The defaults, overridden by the environment variables named above. */
    public static ImportLimits from(Map<String, String> env) {
        return new ImportLimits(
                number(env, "PROJMAP_IMPORT_MAX_BYTES", DEFAULT.maxBytes),
                number(env, "PROJMAP_IMPORT_MAX_UNPACKED_BYTES", DEFAULT.maxUnpackedBytes),
                (int) number(env, "PROJMAP_IMPORT_MAX_ENTRIES", DEFAULT.maxEntries),
                (int) number(env, "PROJMAP_IMPORT_MAX_FEATURES", DEFAULT.maxFeatures));
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": expected a whole number, got '" + v + "'");
        }
    }

    public ImportLimits withMaxFeatures(int n) {
        return new ImportLimits(maxBytes, maxUnpackedBytes, maxEntries, n);
    }

    public ImportLimits withMaxBytes(long n) {
        return new ImportLimits(n, maxUnpackedBytes, maxEntries, maxFeatures);
    }
}
