package dev.plinth.catalog.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.plinth.api.BatchResult;
import dev.plinth.api.Options;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginKind;
import dev.plinth.api.PluginManager;
import dev.plinth.api.catalog.Catalog;
import dev.plinth.api.catalog.CatalogEntry;
import dev.plinth.api.catalog.Change;
import dev.plinth.api.catalog.Outdated;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.settings.PluginSettings;

/**
 * The {@link Catalog} service: what the catalogues offer, and the changes made from them through the plugin manager.
 * The libraries the manager takes from the catalogues come through {@link CatalogLibrarySource}, a component of its
 * own so that the manager, which uses it, and this component, which uses the manager, do not depend on each other.
 */
@Component(service = Catalog.class)
public final class CatalogComponent implements Catalog {

    private final BundleContext context;
    private final PluginManager manager;
    private final Catalogues catalogues;
    private final ArtifactCache cache;
    private final PinnedPlugins pins;
    private final PluginSetCodec codec;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginSettings settings;

    @Activate
    public CatalogComponent(BundleContext context, @Reference CatalogRepository repository,
            @Reference PluginManager manager) {
        this.context = context;
        this.manager = manager;
        this.catalogues = repository.catalogues();
        this.cache = repository.cache();
        this.pins = new PinnedPlugins(repository.pins(), manager);
        this.codec = new PluginSetCodec();
    }

    private Catalogues.Contents contents() {
        return catalogues.contents();
    }

    private Selection selection(Catalogues.Contents contents) {
        return new Selection(contents.resources(), Installed.of(context));
    }

    @Override
    public List<CatalogEntry> available(String filter) {
        Catalogues.Contents contents = contents();
        return new Listing(selection(contents), manager).entries(filter);
    }

    @Override
    public Plan install(String id, String version, Options options) throws PluginException {
        if (id == null || id.isBlank()) {
            throw new PluginException(PluginException.Code.INVALID_INPUT, "which plugin? give its id");
        }
        String plugin = id.trim();
        Optional<PluginInfo> present = manager.find(plugin);
        String wanted = version;
        if (present.isPresent() && present.get().kind() == PluginKind.PLUGIN) {
            throw new PluginException(PluginException.Code.DUPLICATE, "plugin " + plugin + " "
                    + present.get().version() + " is already installed; plugin:update " + plugin
                    + " takes it to the newest version");
        }
        if (present.isPresent() && present.get().kind() != PluginKind.LIBRARY) {
            throw new PluginException(PluginException.Code.PROTECTED, plugin + " " + present.get().version()
                    + " is already installed as a " + present.get().kind().label()
                    + " bundle, which the plugin manager does not change");
        }
        Catalogues.Contents contents = contents();
        Selection selection = selection(contents);
        if (present.isPresent() && (wanted == null || wanted.isBlank()) && offers(selection, present.get())) {
            wanted = present.get().version();
        }
        IndexResource picked = Versions.pick(selection, plugin, wanted, contents.problems());
        Path archive = new Fetch(cache).withLibraries(selection, picked);
        return manager.install(archive.toUri(), options);
    }

    /** Whether a catalogue offers the installed version of {@code library}: promoting it then changes no version. */
    private static boolean offers(Selection selection, PluginInfo library) {
        org.osgi.framework.Version installed = org.osgi.framework.Version.parseVersion(library.version());
        return selection.versions(library.id()).stream().anyMatch(r -> r.version().equals(installed));
    }

    @Override
    public List<Outdated> outdated() throws PluginException {
        return updates().outdated();
    }

    @Override
    public Plan update(String id, Options options) throws PluginException {
        return updates().update(id, options);
    }

    @Override
    public List<BatchResult> updateAll(Options options) throws PluginException {
        return updates().updateAll(options);
    }

    private Updates updates() {
        Catalogues.Contents contents = contents();
        return new Updates(selection(contents), manager, pins, cache, contents.problems());
    }

    @Override
    public Optional<String> sha256(String id, String version) throws PluginException {
        org.osgi.framework.Version wanted;
        try {
            wanted = org.osgi.framework.Version.parseVersion(version);
        } catch (IllegalArgumentException e) {
            throw new PluginException(PluginException.Code.INVALID_INPUT, "not a version: " + version);
        }
        return selection(contents()).versions(id).stream().filter(r -> r.version().equals(wanted)).findFirst()
                .map(IndexResource::sha256);
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
    public List<String> pinned() throws PluginException {
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
    public PluginSet export() throws PluginException {
        return new SetApplier(manager, pins, cache, settings).export();
    }

    @Override
    public List<Change> apply(PluginSet wanted, Options options) throws PluginException {
        Catalogues.Contents contents = contents();
        return new SetApplier(manager, pins, cache, settings).apply(wanted, selection(contents), contents.problems(), options);
    }

    @Override
    public PluginSet parse(String json) throws PluginException {
        return codec.read(json);
    }

    @Override
    public String toJson(PluginSet set) {
        return codec.write(set);
    }
}
