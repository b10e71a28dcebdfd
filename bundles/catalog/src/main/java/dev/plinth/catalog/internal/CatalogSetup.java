package dev.plinth.catalog.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.service.log.Logger;

import dev.plinth.api.PlinthProperties;

/**
 * The catalogues and the archive cache as the settings describe them, under the runtime's home and data folder.
 *
 * @param data the catalogue's folder under the data directory ({@code data/catalog})
 */
record CatalogSetup(Catalogues catalogues, ArtifactCache cache, Path data) {

    static CatalogSetup of(BundleContext context, CatalogConfiguration config, Logger log) {
        Path home = Path.of(property(context, PlinthProperties.HOME, "."));
        Path data = Path.of(property(context, PlinthProperties.DATA, "data")).resolve("catalog");
        Locations locations = new Locations(home, Duration.ofMillis(Math.max(1, config.timeout_ms())));
        List<URI> indexes = Arrays.stream(config.catalogs()).filter(s -> s != null && !s.isBlank())
                .map(locations::index).toList();
        Catalogues catalogues = new Catalogues(indexes, locations, config.index_max_bytes(),
                Duration.ofSeconds(Math.max(0, config.refresh_s())), Clock.systemUTC(), log);
        return new CatalogSetup(catalogues, new ArtifactCache(data.resolve("cache"), locations,
                config.archive_max_bytes()), data);
    }

    private static String property(BundleContext context, String name, String fallback) {
        String value = context.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
