package projmap.exchange;

import java.util.Arrays;
import java.util.Optional;

/**
 * The file formats of exchange, with the extension used in export URLs and the media type they are
 * served with. Import recognises a file by its first bytes, not by its name alone.
 */
public enum ExchangeFormat {
    GEOJSON("geojson", "application/geo+json; charset=utf-8", "GeoJSON"),
    CSV("csv", "text/csv; charset=utf-8", "CSV"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    GPKG("gpkg", "application/geopackage+sqlite3", "GeoPackage"),
    SHAPEFILE("shp.zip", "application/zip", "Shapefile"),
    KML("kml", "application/vnd.google-earth.kml+xml", "KML"),
    /** A zip holding {@code doc.kml}, as Google Earth writes it; imported through KML. */
    KMZ("kmz", "application/vnd.google-earth.kmz", "KMZ"),
    FLATGEOBUF("fgb", "application/flatgeobuf", "FlatGeobuf");

    private final String extension;
    private final String mediaType;
    private final String title;

    ExchangeFormat(String extension, String mediaType, String title) {
        this.extension = extension;
        this.mediaType = mediaType;
        this.title = title;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String title() {
        return title;
    }

    public static Optional<ExchangeFormat> byExtension(String ext) {
        return Arrays.stream(values()).filter(f -> f.extension.equalsIgnoreCase(ext)).findFirst();
    }

    public static String extensions() {
        return String.join(", ", Arrays.stream(values()).map(ExchangeFormat::extension).toList());
    }
}
