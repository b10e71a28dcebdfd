package dev.plinth.catalog.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The settings of the catalogues ({@code etc/dev.plinth.catalog.cfg.json}), shared by the catalogue's components. */
@ObjectClassDefinition(name = "Plinth catalogues",
        description = "The plugin catalogues: OSGi repository indexes that plugins are installed and updated from.")
public @interface CatalogConfiguration {

    String PID = "dev.plinth.catalog";

    @AttributeDefinition(name = "Catalogues",
            description = "Index locations, searched in order: paths relative to the Plinth home, file: or "
                    + "http(s): URLs. A folder stands for its index.xml (or index.xml.gz).")
    String[] catalogs() default { "catalog" };

    @AttributeDefinition(name = "Timeout (ms)",
            description = "Bound on reading a catalogue's index, from connecting to its last byte.")
    long timeout_ms() default 10_000;

    @AttributeDefinition(name = "Download timeout (ms)",
            description = "Bound on downloading one archive from a catalogue, from connecting to its last byte.")
    long download_timeout_ms() default 300_000;

    @AttributeDefinition(name = "Refresh (s)",
            description = "How long a remote index is used before it is fetched again; file indexes are read "
                    + "again as soon as they change.")
    long refresh_s() default 300;

    @AttributeDefinition(name = "Largest index (bytes)")
    long index_max_bytes() default 16L << 20;

    @AttributeDefinition(name = "Largest archive (bytes)")
    long archive_max_bytes() default 256L << 20;
}
