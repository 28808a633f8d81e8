package projmap.exchange;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureResultSet;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import projmap.geo.CrsResolver;
import projmap.geo.Geometries;

/**
 * Reads the feature table of a GeoPackage with NGA's library (the only one when there is one; the
 * one named by {@code layer} otherwise — several feature tables without a choice are refused). The
 * CRS is the table's {@code gpkg_spatial_ref_sys} entry: an EPSG code, or the WKT definition
 * when the organisation is not EPSG.
 */
final class GeoPackageSource {
    private GeoPackageSource() {
    }

    static SourceData read(Path file, ImportLimits limits) {
        GeoPackage gpkg;
        try {
            gpkg = GeoPackageManager.open(file.toFile(), false);
        } catch (RuntimeException e) {
            throw new FileRejectedException("corrupt_gpkg", "the file is not a readable GeoPackage: " + ShapefileSource.rootMessage(e));
        }
        try (gpkg) {
            List<String> tables;
            try {
                tables = gpkg.getFeatureTables();
            } catch (RuntimeException e) {
                throw new FileRejectedException("corrupt_gpkg", "the GeoPackage has no readable table of contents: "
                        + ShapefileSource.rootMessage(e));
            }
            if (tables.isEmpty()) {
                throw new FileRejectedException("no_features", "the GeoPackage has no feature table");
            }
            if (tables.size() > 1) {
                throw new FileRejectedException("several_layers", "the GeoPackage has " + tables.size()
                        + " feature tables " + tables + "; send one layer per import");
            }
            FeatureDao dao = gpkg.getFeatureDao(tables.get(0));
            int count = dao.count();
            if (count > limits.maxFeatures()) {
                throw FileRejectedException.tooLarge("the layer has " + count + " features; at most " + limits.maxFeatures()
                        + " are accepted");
            }
            Integer epsg = srs(dao.getSrs());
            List<SourceFeature> out = new ArrayList<>(count);
            WKBReader wkb = new WKBReader(Geometries.FACTORY);
            FeatureResultSet rs = dao.queryForAll();
            try {
                while (rs.moveToNext()) {
                    FeatureRow row = rs.getRow();
                    Map<String, Object> attrs = new LinkedHashMap<>();
                    String[] names = row.getColumnNames();
                    int geomIndex = row.getGeometryColumnIndex();
                    int pk = row.getPkColumnIndex();
                    for (int i = 0; i < names.length; i++) {
                        if (i != geomIndex && i != pk) {
                            attrs.put(names[i], Staging.normalise(row.getValue(i)));
                        }
                    }
                    int n = out.size() + 1;
                    try {
                        GeoPackageGeometryData data = row.getGeometry();
                        if (data == null || data.isEmpty()) {
                            out.add(SourceFeature.broken(n, attrs, "the feature has no geometry"));
                        } else {
                            out.add(new SourceFeature(n, attrs, wkb.read(data.getWkb()), null));
                        }
                    } catch (IOException | ParseException | RuntimeException e) {
                        out.add(SourceFeature.broken(n, attrs, "unreadable geometry: " + ShapefileSource.rootMessage(e)));
                    }
                }
            } finally {
                rs.close();
            }
            return new SourceData(ExchangeFormat.GPKG, out, epsg, "UTF-8");
        } catch (FileRejectedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FileRejectedException("corrupt_gpkg", "the GeoPackage cannot be read: " + ShapefileSource.rootMessage(e));
        }
    }

    private static Integer srs(SpatialReferenceSystem srs) {
        if (srs == null) {
            return null;
        }
        if ("EPSG".equalsIgnoreCase(srs.getOrganization())) {
            return (int) srs.getOrganizationCoordsysId();
        }
        if ("NONE".equalsIgnoreCase(srs.getOrganization()) || srs.getOrganizationCoordsysId() <= 0) {
            return null;
        }
        return CrsResolver.fromWkt(srs.getDefinition()).orElse(null);
    }
}
