package projmap.maps;

/**
 * How much the server keeps in memory and on disk for serving maps.
 *
 * @param memoryLayerMaxFeatures planning layers of at most this many features are held in memory
 *                               once and serve zone tiles and OGC items from there (0: none)
 * @param tileCacheMb            encoded tiles kept in memory, least recently used dropped first (0: none)
 * @param tileDiskCacheMb        encoded tiles kept under the home's {@code tiles/} folder across
 *                               restarts (0: none)
 */
public record MapSettings(int memoryLayerMaxFeatures, int tileCacheMb, int tileDiskCacheMb) {
    public static final int DEFAULT_TILE_CACHE_MB = (int) (TileService.DEFAULT_CACHE_BYTES >> 20);
    public static final int DEFAULT_TILE_DISK_CACHE_MB = (int) (TileService.DEFAULT_DISK_BYTES >> 20);

    public static MapSettings defaults() {
        return new MapSettings(projmap.zones.LayerSnapshots.DEFAULT_MAX_FEATURES, DEFAULT_TILE_CACHE_MB,
                DEFAULT_TILE_DISK_CACHE_MB);
    }

    public long tileCacheBytes() {
        return (long) tileCacheMb << 20;
    }

    public long tileDiskCacheBytes() {
        return (long) tileDiskCacheMb << 20;
    }
}
