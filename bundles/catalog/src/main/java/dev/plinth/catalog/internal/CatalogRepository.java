package dev.plinth.catalog.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import dev.plinth.api.plugin.PlinthProperties;

/**
 * The catalogues and the archive cache as the settings describe them, under the runtime's home and data folder: one
 * copy of each index and one cache, shared by the catalogue's components (a service of this bundle only).
 */
@Component(service = CatalogRepository.class, configurationPid = CatalogConfiguration.PID)
@Designate(ocd = CatalogConfiguration.class)
public final class CatalogRepository {

    private final Catalogues catalogues;
    private final ArtifactCache cache;
    private final Path data;
    private final Pins pins;

    @Activate
    public CatalogRepository(BundleContext context, CatalogConfiguration config,
            @Reference(service = LoggerFactory.class) Logger log) {
        Path home = Path.of(property(context, PlinthProperties.HOME, "."));
        this.data = Path.of(property(context, PlinthProperties.DATA, "data")).resolve("catalog");
        Locations locations = new Locations(home, Duration.ofMillis(Math.max(1, config.timeout_ms())),
                Duration.ofMillis(Math.max(1, config.download_timeout_ms())));
        List<URI> indexes = Arrays.stream(config.catalogs()).filter(s -> s != null && !s.isBlank())
                .map(locations::index).toList();
        this.catalogues = new Catalogues(indexes, locations, config.index_max_bytes(),
                Duration.ofSeconds(Math.max(0, config.refresh_s())), Clock.systemUTC(), log);
        this.cache = new ArtifactCache(data.resolve("cache"), locations, config.archive_max_bytes());
        this.pins = new Pins(data.resolve("pins.json"));
    }

    private static String property(BundleContext context, String name, String fallback) {
        String value = context.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    Catalogues catalogues() {
        return catalogues;
    }

    ArtifactCache cache() {
        return cache;
    }

    /** The pins file, one for the catalogue's components. */
    Pins pins() {
        return pins;
    }

    /** The catalogue's folder under the data directory ({@code data/catalog}). */
    Path data() {
        return data;
    }
}
