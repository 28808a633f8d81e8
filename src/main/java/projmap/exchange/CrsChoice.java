package projmap.exchange;

import org.locationtech.jts.geom.Envelope;
import projmap.geo.CrsResolver;
import projmap.geo.GeometryValidator;
import projmap.geo.Reprojector;

/**
 * Decides the CRS an import reads its coordinates in, and says why: the caller's {@code crs}, else
 * the file's declaration, else longitude/latitude when the format implies it (GeoJSON, KML) or the
 * numbers can only be that. Anything else is refused (422 {@code crs_required}) with the likely
 * codes named. A choice whose coordinates do not land in China is refused too
 * ({@code crs_mismatch}): a wrong zone or a missing zone prefix would otherwise place every site
 * hundreds of kilometres away.
 */
record CrsChoice(int epsg, String why) {
    /** Shared: {@link Reprojector} caches CRS definitions and is thread-safe. */
    static final Reprojector REPROJECTOR = new Reprojector();

    /** The resolved CRS of this choice (known: {@link #decide} checked it). */
    Reprojector.Crs crs() {
        return REPROJECTOR.resolve("EPSG:" + epsg).orElseThrow();
    }

    /** Decides from a pass over the records (see the class comment). */
    static CrsChoice decide(SourceData data, ImportOptions options) {
        TypicalPosition position = new TypicalPosition(data.features().size());
        for (SourceFeature f : data.features()) {
            position.add(f.geometry());
        }
        return decide(data, options, position.box());
    }

    /**
     * The CRS the caller gives or the file declares, known before any record is read (else empty:
     * only the records can tell). A big import reads its records once with it and calls
     * {@link #decide(SourceData, ImportOptions, Envelope)} afterwards with their typical position,
     * which then makes the same checks — and the same refusals — as a separate first pass would.
     */
    static java.util.Optional<CrsChoice> stated(SourceData data, ImportOptions options) {
        if (options.crs() == null && data.declaredEpsg() == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(decide(data, options, new Envelope()));
    }

    /** Decides with {@code box}, the records' typical position ({@link TypicalPosition}); a null box skips the position checks. */
    static CrsChoice decide(SourceData data, ImportOptions options, Envelope box) {
        CrsChoice choice;
        if (options.crs() != null) {
            choice = new CrsChoice(options.crs(), "EPSG:" + options.crs() + " (given)");
        } else if (data.declaredEpsg() != null) {
            choice = new CrsChoice(data.declaredEpsg(), "EPSG:" + data.declaredEpsg() + " (declared by the file)");
        } else if (box.isNull() || CrsResolver.looksGeographic(box)) {
            boolean implied = data.format() == ExchangeFormat.GEOJSON || data.format() == ExchangeFormat.KML;
            choice = new CrsChoice(CrsResolver.WGS84, "EPSG:4326 (" + (implied ? data.format().title() + " default"
                    : "assumed: no CRS declared and every coordinate is a longitude/latitude") + ")");
        } else {
            throw new FileRejectedException(422, "crs_required", "the file does not say its coordinate system and its"
                    + " coordinates are not longitude/latitude; give it with crs=EPSG:… (projmap import --crs EPSG:…)."
                    + CrsResolver.suggestion(box));
        }
        if (REPROJECTOR.resolve("EPSG:" + choice.epsg()).isEmpty()) {
            throw new FileRejectedException(422, "unknown_crs", "EPSG:" + choice.epsg() + " is not a CRS this server knows");
        }
        if (!box.isNull() && !choice.crs().lonLat() && !CrsResolver.isGeographic(choice.epsg())
                && CrsResolver.looksGeographic(box)) {
            throw new FileRejectedException(422, "crs_mismatch", "read as " + choice.why() + ", a projected CRS in metres,"
                    + " the coordinates (centre " + box.centre().x + ", " + box.centre().y + ") look like degrees of"
                    + " longitude/latitude; give crs=EPSG:4326 if they are");
        }
        if (!box.isNull()) {
            var centre = projmap.geo.Geometries.FACTORY.createPoint(box.centre());
            Envelope lonLat;
            try {
                lonLat = REPROJECTOR.toLonLat(centre, choice.crs()).getEnvelopeInternal();
            } catch (RuntimeException e) {
                lonLat = new Envelope();
            }
            if (lonLat.isNull() || !GeometryValidator.SANE_EXTENT.contains(lonLat)) {
                throw new FileRejectedException(422, "crs_mismatch", "read as " + choice.why() + ", the coordinates (centre "
                        + box.centre().x + ", " + box.centre().y + ") do not fall in China; give the right crs=EPSG:…."
                        + CrsResolver.suggestion(box));
            }
        }
        return choice;
    }
}
