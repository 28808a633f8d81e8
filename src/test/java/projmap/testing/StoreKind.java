package projmap.testing;

/** The two stores every store behaviour is tested on. */
public enum StoreKind {
    H2GIS,
    POSTGIS
}
