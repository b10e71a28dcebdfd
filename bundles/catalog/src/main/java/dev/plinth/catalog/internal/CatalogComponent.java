package dev.plinth.catalog.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.resource.Requirement;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.plinth.api.BatchResult;
import dev.plinth.api.LibrarySource;
import dev.plinth.api.Options;
import dev.plinth.api.Plan;
import dev.plinth.api.PlinthProperties;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginManager;
import dev.plinth.api.catalog.Catalog;
import dev.plinth.api.catalog.CatalogEntry;
import dev.plinth.api.catalog.Change;
import dev.plinth.api.catalog.Outdated;
import dev.plinth.api.catalog.PluginSet;
import jakarta.json.spi.JsonProvider;

/**
 * The catalogues of this runtime: the {@link Catalog} service, and a {@link LibrarySource} through which the plugin
 * manager takes the libraries a plugin needs from them (verified against their index).
 */
@Component(service = { Catalog.class, LibrarySource.class }, configurationPid = CatalogComponent.PID)
@Designate(ocd = CatalogComponent.Config.class)
public final class CatalogComponent implements Catalog, LibrarySource {

    static final String PID = "dev.plinth.catalog";

    @ObjectClassDefinition(name = "Plinth catalogues",
            description = "The plugin catalogues: OSGi repository indexes that plugins are installed and updated from.")
    public @interface Config {

        @AttributeDefinition(name = "Catalogues",
                description = "Index locations, searched in order: paths relative to the Plinth home, file: or "
                        + "http(s): URLs. A folder stands for its index.xml (or index.xml.gz).")
        String[] catalogs() default { "catalog" };

        @AttributeDefinition(name = "Timeout (ms)", description = "Bound on connecting to and waiting for a catalogue.")
        long timeout_ms() default 10_000;

        @AttributeDefinition(name = "Refresh (s)",
                description = "How long a remote index is used before it is fetched again; file indexes are read "
                        + "again as soon as they change.")
        long refresh_s() default 300;

        @AttributeDefinition(name = "Largest index (bytes)")
        long index_max_bytes() default 16L << 20;

        @AttributeDefinition(name = "Largest archive (bytes)")
        long archive_max_bytes() default 256L << 20;
    }

    private final BundleContext context;
    private final PluginManager manager;
    private final Catalogues catalogues;
    private final ArtifactCache cache;
    private final PinnedPlugins pins;
    private final PluginSetCodec codec;
    private final Logger log;

    @Activate
    public CatalogComponent(BundleContext context, Config config, @Reference PluginManager manager,
            @Reference JsonProvider json, @Reference(service = LoggerFactory.class) Logger log) {
        this.context = context;
        this.manager = manager;
        this.log = log;
        Path home = Path.of(property(context, PlinthProperties.HOME, "."));
        Path data = Path.of(property(context, PlinthProperties.DATA, "data")).resolve("catalog");
        Locations locations = new Locations(home, Duration.ofMillis(Math.max(1, config.timeout_ms())));
        List<URI> indexes = Arrays.stream(config.catalogs()).filter(s -> s != null && !s.isBlank())
                .map(locations::index).toList();
        this.catalogues = new Catalogues(indexes, locations, config.index_max_bytes(),
                Duration.ofSeconds(Math.max(0, config.refresh_s())), Clock.systemUTC(), log);
        this.cache = new ArtifactCache(data.resolve("cache"), locations, config.archive_max_bytes());
        this.pins = new PinnedPlugins(new Pins(data.resolve("pins.json"), json), manager);
        this.codec = new PluginSetCodec(json);
    }

    private static String property(BundleContext context, String name, String fallback) {
        String value = context.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private Catalogues.Contents contents() {
        return catalogues.contents();
    }

    private Selection selection(Catalogues.Contents contents) {
        return new Selection(contents.resources(), Installed.of(context));
    }

    private Fetch fetch() {
        return new Fetch(cache);
    }

    @Override
    public List<CatalogEntry> available(String filter) {
        Catalogues.Contents contents = contents();
        return new Listing(selection(contents), manager).entries(filter);
    }

    @Override
    public Plan install(String id, String version, Options options) throws PluginException {
        Catalogues.Contents contents = contents();
        Selection selection = selection(contents);
        if (id == null || id.isBlank()) {
            throw new PluginException(PluginException.Code.INVALID_INPUT, "which plugin? give its id");
        }
        Optional<dev.plinth.api.PluginInfo> present = manager.find(id.trim());
        if (present.isPresent()) {
            throw new PluginException(PluginException.Code.DUPLICATE, present.get().kind().label() + " " + id.trim() + " " + present.get().version()
                    + " is already installed; plugin:update " + id.trim() + " takes it to the newest version");
        }
        IndexResource picked = Versions.pick(selection, id.trim(), version, contents.problems());
        Path archive = fetch().withLibraries(selection, picked);
        return manager.install(archive.toUri(), options);
    }

    @Override
    public List<Outdated> outdated() {
        return new Updates(selection(contents()), manager, pins, cache).outdated();
    }

    @Override
    public Plan update(String id, Options options) throws PluginException {
        return new Updates(selection(contents()), manager, pins, cache).update(id, options);
    }

    @Override
    public List<BatchResult> updateAll(Options options) {
        return new Updates(selection(contents()), manager, pins, cache).updateAll(options);
    }

    @Override
    public void pin(String id) throws PluginException {
        pins.pin(id);
    }

    @Override
    public void unpin(String id) throws PluginException {
        pins.unpin(id);
    }

    @Override
    public List<String> pinned() {
        return pins.pinned();
    }

    @Override
    public Optional<CatalogEntry> providerOf(String command) {
        if (command == null || command.isBlank()) {
            return Optional.empty();
        }
        Selection selection = selection(contents());
        return selection.providerOf(command).map(r -> new Listing(selection, manager).entry(r.id()));
    }

    @Override
    public PluginSet export() {
        return new SetApplier(manager, pins, cache).export();
    }

    @Override
    public List<Change> apply(PluginSet wanted, Options options) throws PluginException {
        Catalogues.Contents contents = contents();
        return new SetApplier(manager, pins, cache).apply(wanted, selection(contents), contents.problems(), options);
    }

    @Override
    public PluginSet parse(String json) throws PluginException {
        return codec.read(json);
    }

    @Override
    public String toJson(PluginSet set) {
        return codec.write(set);
    }

    @Override
    public List<URI> providers(Requirement requirement) {
        Catalogues.Contents contents = contents();
        String filter = requirement.getDirectives().get("filter");
        IndexResource.Requirement wanted = new IndexResource.Requirement(requirement.getNamespace(), filter,
                requirement.getDirectives());
        if (contents.resources().stream().noneMatch(resource -> Selection.provides(resource, wanted))) {
            return List.of();
        }
        Optional<IndexResource> provider = selection(contents).provider(wanted);
        if (provider.isEmpty()) {
            return List.of();
        }
        try {
            return List.of(cache.fetch(provider.get()).toUri());
        } catch (PluginException e) {
            log.warn("library {} refused: {}", provider.get().label(), e.getMessage());
            throw new Refused(e);
        }
    }
}
