package dev.plinth.catalog.internal;

/** Where the catalogue keeps its files under the runtime's data directory. */
final class CatalogDefaults {

    static final String DATA_FOLDER = "catalog";

    private CatalogDefaults() {
    }
}
