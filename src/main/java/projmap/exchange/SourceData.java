package projmap.exchange;

import java.util.List;

/**
 * What a reader got out of a file: the records in order (see {@link SourceFeatures}), the EPSG
 * code the file declares (null when it says nothing), and the format's name for reports; for a
 * workbook the sheet read and every sheet it has.
 */
public record SourceData(ExchangeFormat format, SourceFeatures features, Integer declaredEpsg, String encoding,
                         String sheet, List<String> sheets) {
    public SourceData(ExchangeFormat format, SourceFeatures features, Integer declaredEpsg, String encoding) {
        this(format, features, declaredEpsg, encoding, null, null);
    }

    public SourceData(ExchangeFormat format, List<SourceFeature> features, Integer declaredEpsg, String encoding) {
        this(format, SourceFeatures.of(features), declaredEpsg, encoding, null, null);
    }
}
