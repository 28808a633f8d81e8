package projmap.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import projmap.geo.Geometries;

/**
 * Reads the Placemarks of a KML 2.2 document (or the {@code doc.kml} of a KMZ): name, description,
 * {@code ExtendedData} ({@code Data}/{@code value} and {@code SchemaData}/{@code SimpleData}) as
 * attributes; Point, LineString, Polygon and MultiGeometry. KML is always WGS84 lon/lat.
 *
 * <p>A StAX reader written here: H2GIS only writes KML, and JTS's {@code KMLReader} reads a lone
 * geometry, not the Placemarks and their data around it. DTDs and external entities are switched
 * off (billion-laughs and XXE files fail instead of expanding). Not thread-safe; one per file.
 */
final class KmlSource {
    private KmlSource() {
    }

    static SourceData read(InputStream in, ImportLimits limits) {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        List<SourceFeature> out = new ArrayList<>();
        boolean sawKml = false;
        try {
            XMLStreamReader r = f.createXMLStreamReader(in);
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.DTD) {
                    throw new FileRejectedException("unsafe_xml", "the KML declares a DTD; DTDs and entities are not accepted");
                }
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    if (r.getLocalName().equals("kml")) {
                        sawKml = true;
                    } else if (r.getLocalName().equals("Placemark")) {
                        if (out.size() >= limits.maxFeatures()) {
                            throw FileRejectedException.tooLarge("the file has more than " + limits.maxFeatures() + " placemarks");
                        }
                        out.add(placemark(r, out.size() + 1));
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new FileRejectedException("invalid_xml", "the KML is not well-formed XML: " + e.getMessage().lines()
                    .reduce((a, b) -> b).orElse(""));
        }
        if (!sawKml) {
            throw new FileRejectedException("invalid_kml", "the XML document is not KML (no <kml> element)");
        }
        return new SourceData(ExchangeFormat.KML, out, 4326, "UTF-8");
    }

    private static SourceFeature placemark(XMLStreamReader r, int row) throws XMLStreamException {
        Map<String, Object> attrs = new LinkedHashMap<>();
        List<Geometry> geometries = new ArrayList<>();
        String problem = null;
        int depth = 1;
        String dataName = null;
        while (depth > 0 && r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
                switch (r.getLocalName()) {
                    case "name", "description" -> {
                        if (depth == 2) {
                            attrs.put(r.getLocalName(), text(r.getElementText()));
                            depth--;
                        }
                    }
                    case "Data" -> dataName = r.getAttributeValue(null, "name");
                    case "value" -> {
                        if (dataName != null) {
                            attrs.put(dataName, text(r.getElementText()));
                            depth--;
                        }
                    }
                    case "SimpleData" -> {
                        attrs.put(r.getAttributeValue(null, "name"), text(r.getElementText()));
                        depth--;
                    }
                    case "Point", "LineString", "Polygon" -> {
                        try {
                            geometries.add(geometry(r));
                        } catch (IllegalArgumentException e) {
                            problem = problem == null ? e.getMessage() : problem;
                        }
                        depth--;
                    }
                    default -> {
                    }
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
                if (r.getLocalName().equals("Data")) {
                    dataName = null;
                }
            }
        }
        if (problem != null) {
            return SourceFeature.broken(row, attrs, problem);
        }
        if (geometries.isEmpty()) {
            return SourceFeature.broken(row, attrs, "the placemark has no geometry");
        }
        Geometry g = geometries.size() == 1 ? geometries.get(0)
                : Geometries.FACTORY.buildGeometry(geometries);
        return new SourceFeature(row, attrs, g, null);
    }

    private static String text(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Reads Point/LineString/Polygon at the current start element up to its end element. */
    private static Geometry geometry(XMLStreamReader r) throws XMLStreamException {
        String type = r.getLocalName();
        List<LinearRing> rings = new ArrayList<>();
        Coordinate[] single = null;
        int depth = 1;
        while (depth > 0 && r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (r.getLocalName().equals("coordinates")) {
                    Coordinate[] cs = coordinates(r.getElementText());
                    depth--;
                    if (type.equals("Polygon")) {
                        if (cs.length < 4) {
                            throw new IllegalArgumentException("a polygon ring needs at least 4 positions, got " + cs.length);
                        }
                        if (!cs[0].equals2D(cs[cs.length - 1])) {
                            throw new IllegalArgumentException("a polygon ring is not closed (first position differs from last)");
                        }
                        rings.add(Geometries.FACTORY.createLinearRing(cs));
                    } else {
                        single = cs;
                    }
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        switch (type) {
            case "Point" -> {
                if (single == null || single.length != 1) {
                    throw new IllegalArgumentException("a Point needs exactly one position");
                }
                return Geometries.FACTORY.createPoint(single[0]);
            }
            case "LineString" -> {
                if (single == null || single.length < 2) {
                    throw new IllegalArgumentException("a LineString needs at least 2 positions");
                }
                return Geometries.FACTORY.createLineString(single);
            }
            default -> {
                if (rings.isEmpty()) {
                    throw new IllegalArgumentException("a Polygon needs an outer boundary");
                }
                return Geometries.FACTORY.createPolygon(rings.get(0), rings.subList(1, rings.size()).toArray(LinearRing[]::new));
            }
        }
    }

    private static Coordinate[] coordinates(String text) {
        List<Coordinate> out = new ArrayList<>();
        for (String tuple : text.strip().split("\\s+")) {
            if (tuple.isEmpty()) {
                continue;
            }
            String[] p = tuple.split(",");
            if (p.length < 2) {
                throw new IllegalArgumentException("'" + tuple + "' is not a lon,lat[,alt] position");
            }
            try {
                double x = Double.parseDouble(p[0]);
                double y = Double.parseDouble(p[1]);
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    throw new IllegalArgumentException("coordinates must be finite numbers, got '" + tuple + "'");
                }
                out.add(new Coordinate(x, y));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + tuple + "' is not a lon,lat[,alt] position");
            }
        }
        return out.toArray(Coordinate[]::new);
    }

}
