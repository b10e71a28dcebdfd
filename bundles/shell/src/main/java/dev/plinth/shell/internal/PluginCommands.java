package dev.plinth.shell.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.plinth.api.PluginDetails;
import dev.plinth.api.Diagnosis;
import dev.plinth.api.Options;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginManager;
import dev.plinth.api.catalog.Catalog;
import dev.plinth.api.settings.PluginSettings;
import dev.plinth.api.storage.PluginStorage;

/** The {@code plugin:*} Gogo commands: each asks the plugin manager and returns a result for the formatter. */
@Component(service = Object.class, property = {
        "osgi.command.scope=plugin",
        "osgi.command.function=list",
        "osgi.command.function=info",
        "osgi.command.function=install",
        "osgi.command.function=enable",
        "osgi.command.function=disable",
        "osgi.command.function=upgrade",
        "osgi.command.function=rollback",
        "osgi.command.function=remove",
        "osgi.command.function=history",
        "osgi.command.function=why" })
public final class PluginCommands {


    private final PluginManager manager;
    private final PluginJson json;
    /** The catalogues, or {@code null} without the catalogue bundle. */
    private final Catalog catalog;
    /** The plugins' settings, or {@code null} while the settings bundle is not running. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginSettings settings;
    /** The plugins' storage, or {@code null} while the storage bundle is not running. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginStorage storage;

    @Activate
    public PluginCommands(@Reference(name = "manager") PluginManager manager,
            @Reference(name = "catalog", cardinality = ReferenceCardinality.OPTIONAL,
                    policyOption = ReferencePolicyOption.GREEDY) Catalog catalog) {
        this.manager = manager;
        this.json = new PluginJson();
        this.catalog = catalog;
    }

    /** The commands over these settings ({@code null}: none), for tests. */
    PluginCommands withSettings(PluginSettings settings) {
        this.settings = settings;
        return this;
    }

    /** The commands over this storage ({@code null}: none), for tests. */
    PluginCommands withStorage(PluginStorage storage) {
        this.storage = storage;
        return this;
    }

    @Descriptor("lists the plugins (with --all also the libraries, system and unmanaged bundles)")
    public Object list(
            @Descriptor("also list libraries, system and unmanaged bundles")
            @Parameter(names = { "--all", "-a" }, presentValue = "true", absentValue = "false") boolean all,
            @Descriptor("print a JSON array")
            @Parameter(names = { "--json" }, presentValue = "true", absentValue = "false") boolean asJson) {
        PluginList list = (all ? PluginList.ofAll(manager.all()) : PluginList.of(false, manager.plugins()))
                .withMisconfigured(MisconfiguredPlugins.of(settings));
        return asJson ? new JsonText(json.plugins(list)) : list;
    }

    @Descriptor("shows a plugin's details, wiring, components and storage")
    public Object info(
            @Descriptor("print a JSON object")
            @Parameter(names = { "--json" }, presentValue = "true", absentValue = "false") boolean asJson,
            @Descriptor("the plugin id") String id) {
        PluginDetails details = Refusals.run(() -> manager.details(id));
        StorageViews.Section storage = StorageViews.Section.of(this.storage, id);
        return asJson ? new JsonText(json.details(details, storage.info())) : new StorageViews.Plugin(details, storage);
    }

    @Descriptor("installs plugins, from archives or by name from the catalogues, with the libraries they need; "
            + "several archives are one operation")
    public Object install(CommandSession session,
            @Descriptor("enable the plugins once installed")
            @Parameter(names = { "--enable", "-e" }, presentValue = "true", absentValue = "false") boolean enable,
            @Descriptor("only show the plan; change nothing")
            @Parameter(names = { "--simulate", "-s" }, presentValue = "true", absentValue = "false") boolean simulate,
            @Descriptor("the archives (file paths or URLs), or one plugin id from a catalogue as ID, ID@VERSION or "
                    + "ID@latest") String... sources) {
        if (sources.length == 1 && CatalogName.is(sources[0], session.currentDir())) {
            CatalogName name = CatalogName.parse(sources[0]);
            if (catalog == null) {
                throw new CommandFailedException("no catalogue here to install " + sources[0]
                        + " from (the catalogue bundle is not running); give the plugin's jar instead");
            }
            return Refusals.run(() -> catalog.install(name.id(), name.version(), shell().withSimulate(simulate)
                    .withEnable(enable)));
        }
        List<URI> uris = new ArrayList<>();
        for (String source : sources) {
            uris.add(SourceArgument.resolve(source, session.currentDir()));
        }
        if (uris.size() == 1) {
            return Refusals.run(() -> manager.install(uris.get(0), shell().withSimulate(simulate).withEnable(enable)));
        }
        checkBatch("install", uris.size());
        return new Batch("install", manager.installBatch(uris, shell().withEnable(enable).withSimulate(simulate)))
                .orFailure();
    }

    @Descriptor("starts a plugin, and first what it needs")
    public Plan enable(
            @Descriptor("only show the plan; change nothing")
            @Parameter(names = { "--simulate", "-s" }, presentValue = "true", absentValue = "false") boolean simulate,
            @Descriptor("the plugin id") String id) {
        return Refusals.run(() -> manager.enable(id, shell().withSimulate(simulate)));
    }

    @Descriptor("stops a plugin")
    public Plan disable(
            @Descriptor("only show the plan; change nothing")
            @Parameter(names = { "--simulate", "-s" }, presentValue = "true", absentValue = "false") boolean simulate,
            @Descriptor("also stop the plugins that depend on it")
            @Parameter(names = { "--cascade", "-c" }, presentValue = "true", absentValue = "false") boolean cascade,
            @Descriptor("the plugin id") String id) {
        return Refusals.run(() -> manager.disable(id, shell().withSimulate(simulate).withCascade(cascade)));
    }

    @Descriptor("replaces a plugin with another version of its archive")
    public Plan upgrade(CommandSession session,
            @Descriptor("only show the plan; change nothing")
            @Parameter(names = { "--simulate", "-s" }, presentValue = "true", absentValue = "false") boolean simulate,
            @Descriptor("upgrade even when the new version's settings no longer accept the stored values (the plugin "
                    + "then runs misconfigured on its last good settings)")
            @Parameter(names = { "--force", "-f" }, presentValue = "true", absentValue = "false") boolean force,
            @Descriptor("the plugin id") String id,
            @Descriptor("the new archive: a file path or a URL") String source) {
        URI uri = SourceArgument.resolve(source, session.currentDir());
        return Refusals.run(() -> manager.upgrade(id, uri, shell().withSimulate(simulate).withForce(force)));
    }

    @Descriptor("returns a plugin to the version it had before its last upgrade")
    public Plan rollback(
            @Descriptor("only show the plan; change nothing")
            @Parameter(names = { "--simulate", "-s" }, presentValue = "true", absentValue = "false") boolean simulate,
            @Descriptor("the plugin id") String id) {
        return Refusals.run(() -> manager.rollback(id, shell().withSimulate(simulate)));
    }

    @Descriptor("uninstalls plugins and the libraries no plugin needs any more; several ids are one operation")
    public Object remove(
            @Descriptor("only show the plan; change nothing")
            @Parameter(names = { "--simulate", "-s" }, presentValue = "true", absentValue = "false") boolean simulate,
            @Descriptor("also remove the plugins that depend on them")
            @Parameter(names = { "--cascade", "-c" }, presentValue = "true", absentValue = "false") boolean cascade,
            @Descriptor("keep the plugins' settings for a later install (their storage is kept unless --purge)")
            @Parameter(names = { "--keep-data", "-k" }, presentValue = "true", absentValue = "false") boolean keepData,
            @Descriptor("also delete the plugins' storage (their database), which is kept otherwise")
            @Parameter(names = { "--purge" }, presentValue = "true", absentValue = "false") boolean purge,
            @Descriptor("the plugin ids") String... ids) {
        if (keepData && purge) {
            throw new CommandFailedException("--purge deletes the data --keep-data keeps: give one of them");
        }
        if (ids.length == 1) {
            return Refusals.run(() -> manager.remove(ids[0], shell().withSimulate(simulate).withCascade(cascade)
                    .withKeepData(keepData).withPurge(purge)));
        }
        checkBatch("remove", ids.length);
        return new Batch("remove", manager.removeBatch(List.of(ids), shell().withCascade(cascade)
                .withSimulate(simulate).withKeepData(keepData).withPurge(purge))).orFailure();
    }

    @Descriptor("shows the most recent operations, oldest first")
    public Object history(
            @Descriptor("how many operations to show (default 20)")
            @Parameter(names = { "--limit", "-n" }, absentValue = "20") int limit,
            @Descriptor("print a JSON array")
            @Parameter(names = { "--json" }, presentValue = "true", absentValue = "false") boolean asJson) {
        if (limit < 1) {
            throw new CommandFailedException("the limit must be at least 1, not " + limit);
        }
        History history = new History(manager.history(limit));
        return asJson ? new JsonText(json.history(history.operations())) : history;
    }

    @Descriptor("explains why a plugin resolves, or what it misses")
    public Diagnosis why(@Descriptor("the plugin id") String id) {
        return Refusals.run(() -> manager.diagnose(id));
    }


    private static void checkBatch(String verb, int items) {
        if (items == 0) {
            throw new CommandFailedException("plugin:" + verb + " needs at least one " + (verb.equals("install")
                    ? "archive" : "plugin id"));
        }
    }

    /** The options of a command of this session: its origin ({@code shell}, or {@code cli} from bin/plinth). */
    private static Options shell() {
        return Options.DEFAULT.withOrigin(Origins.current());
    }
}
