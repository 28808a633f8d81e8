package projmap.exchange;

import java.util.List;

/**
 * What a reader got out of a file: the records in order, the EPSG code the file declares (null
 * when it says nothing), and the format's name for reports.
 */
public record SourceData(ExchangeFormat format, List<SourceFeature> features, Integer declaredEpsg, String encoding) {
}
