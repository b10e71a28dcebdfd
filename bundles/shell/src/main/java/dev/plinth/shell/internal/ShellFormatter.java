package dev.plinth.shell.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.Converter;
import org.osgi.service.component.annotations.Component;

import dev.plinth.api.PluginDetails;
import dev.plinth.api.BatchResult;
import dev.plinth.api.DeployedFile;
import dev.plinth.api.Diagnosis;
import dev.plinth.api.Operation;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginDetails;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.catalog.CatalogEntry;
import dev.plinth.api.catalog.Outdated;
import dev.plinth.common.table.Table;

/** Turns what the {@code plugin:*} commands return into the text the shell prints. */
@Component(service = Converter.class, property = {
        Converter.CONVERTER_CLASSES + "=dev.plinth.api.Plan",
        Converter.CONVERTER_CLASSES + "=dev.plinth.api.Diagnosis",
        Converter.CONVERTER_CLASSES + "=dev.plinth.shell.internal.PluginList",
        Converter.CONVERTER_CLASSES + "=dev.plinth.api.PluginDetails",
        Converter.CONVERTER_CLASSES + "=dev.plinth.shell.internal.History",
        Converter.CONVERTER_CLASSES + "=dev.plinth.shell.internal.DeployStatus",
        Converter.CONVERTER_CLASSES + "=dev.plinth.shell.internal.JsonText" })
public final class ShellFormatter implements Converter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);
    private static final String SIMULATED = "(simulated, nothing changed)";
    private static final String NONE = "-";

    private final ZoneId zone;
    private final StorageText storageText = new StorageText(this::time);
    private final FleetText fleetText = new FleetText(this::time);

    /** A formatter showing times in the JVM's time zone. */
    public ShellFormatter() {
        this(ZoneId.systemDefault());
    }

    ShellFormatter(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public Object convert(Class<?> desiredType, Object in) {
        return null;
    }

    @Override
    public CharSequence format(Object target, int level, Converter escape) {
        if (target instanceof PluginList) {
            return list((PluginList) target);
        }
        if (target instanceof PluginDetails) {
            return details((PluginDetails) target);
        }
        if (target instanceof StorageViews.Plugin plugin) {
            return info(plugin);
        }
        if (target instanceof StorageViews.Storages storages) {
            return storageText.list(storages);
        }
        if (target instanceof StorageViews.Storage storage) {
            return storageText.storage(storage.info());
        }
        if (target instanceof Plan) {
            return plan((Plan) target);
        }
        if (target instanceof History) {
            return history((History) target);
        }
        if (target instanceof Batch) {
            return batch((Batch) target);
        }
        if (target instanceof DeployStatus) {
            return deployStatus((DeployStatus) target);
        }
        if (target instanceof Diagnosis) {
            return diagnosis((Diagnosis) target);
        }
        if (target instanceof JsonText) {
            return ((JsonText) target).text();
        }
        if (target instanceof CatalogViews.Available available) {
            return available(available);
        }
        if (target instanceof CatalogViews.OutdatedPlugins outdated) {
            return outdated(outdated);
        }
        if (target instanceof CatalogViews.Changes changes) {
            return changes(changes);
        }
        if (target instanceof CatalogViews.Message message) {
            return message.text();
        }
        if (target instanceof FleetViews.Status status) {
            return fleetText.status(status);
        }
        if (target instanceof FleetViews.Nodes nodes) {
            return fleetText.nodes(nodes.nodes(), nodes.now());
        }
        if (target instanceof FleetViews.Generations generations) {
            return fleetText.history(generations);
        }
        if (target instanceof FleetViews.Shown shown) {
            return fleetText.generation(shown.generation());
        }
        if (target instanceof FleetViews.Published published) {
            return fleetText.published(published);
        }
        if (target instanceof SettingsViews.Settings settings) {
            return SettingsText.settings(settings.view());
        }
        if (target instanceof SettingsViews.Changed changed) {
            return SettingsText.changed(changed);
        }
        if (target instanceof SettingsViews.Rotated rotated) {
            return SettingsText.rotated(rotated);
        }
        return null;
    }

    String available(CatalogViews.Available available) {
        if (available.entries().isEmpty()) {
            return available.filter().isBlank() ? "The catalogues offer no plugins."
                    : "No catalogue plugin matches \"" + available.filter() + "\".";
        }
        Table table = Table.withHeader("ID", "VERSION", "INSTALLED", "OFFERED", "DESCRIPTION");
        for (CatalogEntry entry : available.entries()) {
            String description = entry.version() == null
                    ? "needs Plinth runtime " + entry.runtime() + " (not this one)"
                    : entry.description();
            table.row(entry.id(), orNone(entry.version()), orNone(entry.installed()),
                    String.join(", ", entry.versions()), description);
        }
        return table.render() + "\nInstall one with: plugin:install <id>[@<version>] [--enable]";
    }

    String outdated(CatalogViews.OutdatedPlugins outdated) {
        if (outdated.plugins().isEmpty()) {
            return "Every plugin is up to date.";
        }
        Table table = Table.withHeader("ID", "INSTALLED", "NEWEST", "PINNED");
        for (Outdated plugin : outdated.plugins()) {
            table.row(plugin.id(), plugin.installed(), plugin.newest(), plugin.pinned() ? "yes" : "no");
        }
        return table.render();
    }

    String changes(CatalogViews.Changes changes) {
        if (changes.changes().isEmpty()) {
            return "Nothing to do: the plugins already match " + changes.file() + ".";
        }
        StringBuilder text = new StringBuilder(changes.simulated()
                ? "Plan for apply " + changes.file() + " " + SIMULATED + ":"
                : "Apply " + changes.file() + ": done.");
        return text.append('\n').append(ChangeText.steps(changes.changes())).toString();
    }

    String list(PluginList list) {
        if (list.rows().isEmpty()) {
            return "No plugins installed. Install one with: plugin:install <file>";
        }
        Table table = Table.withHeader("ID", "VERSION", "STATE", "KIND", "NAME");
        for (PluginInfo plugin : list.rows()) {
            String name = plugin.fragmentHost() == null ? plugin.name()
                    : plugin.name() + " (fragment of " + plugin.fragmentHost() + ")";
            String state = list.misconfigured(plugin) ? plugin.state().label() + " (misconfigured)"
                    : plugin.state().label();
            table.row(plugin.id(), plugin.version(), state, plugin.kind().label(),
                    plugin.installedBy() == null ? name : name + " (installed by " + plugin.installedBy() + ")");
        }
        return table.render();
    }

    String plan(Plan plan) {
        String target = plan.target();
        String verb = plan.verb().label();
        if (plan.empty()) {
            return "Nothing to do for " + target + (plan.simulated() ? " " + SIMULATED : "") + ".";
        }
        StringBuilder text = new StringBuilder();
        if (plan.simulated()) {
            text.append("Plan for ").append(verb).append(' ').append(target).append(' ').append(SIMULATED).append(':');
        } else {
            text.append(Character.toUpperCase(verb.charAt(0))).append(verb.substring(1)).append(' ').append(target)
                    .append(": done.");
        }
        text.append(steps(plan));
        text.append("\nRefresh: ").append(plan.refresh().isEmpty() ? "none" : String.join(", ", plan.refresh()));
        return text.toString();
    }

    String batch(Batch batch) {
        String verb = Character.toUpperCase(batch.verb().charAt(0)) + batch.verb().substring(1);
        long failed = batch.failed();
        boolean simulated = batch.simulated();
        String summary = simulated ? plan(batch.plan())
                : verb + ": " + (failed == 0 ? "all " + batch.results().size() + " done."
                        : failed == batch.results().size() ? (failed == 1 ? "failed." : "all " + failed + " failed.")
                        : failed + " of " + batch.results().size() + " failed, the others done.");
        Table table = Table.withHeader("ITEM", "PLUGIN", "VERSION", "OUTCOME", "MESSAGE");
        for (BatchResult result : batch.results()) {
            table.row(result.request(), orNone(result.id()), orNone(result.version()),
                    result.succeeded() ? (simulated ? "would be done" : "done") : (simulated ? "refused" : "failed"),
                    result.succeeded() ? "" : result.failure().getMessage().split("\n", 2)[0]);
        }
        String steps = !simulated && batch.plan() != null && !batch.plan().empty()
                ? "\nSteps:" + steps(batch.plan()) : "";
        return summary + "\n" + table.render() + steps;
    }

    /** The numbered steps of a plan, each on a line of its own (a line break before each). */
    private static String steps(Plan plan) {
        StringBuilder text = new StringBuilder();
        int actionWidth = plan.steps().stream().mapToInt(step -> step.action().label().length()).max().orElse(0);
        int numberWidth = String.valueOf(plan.steps().size()).length();
        int number = 0;
        for (Plan.Step step : plan.steps()) {
            number++;
            String label = step.action().label();
            text.append("\n  ").append(" ".repeat(numberWidth - String.valueOf(number).length())).append(number)
                    .append(". ").append(label).append(" ".repeat(actionWidth - label.length())).append(' ')
                    .append(step.id()).append(' ').append(step.version());
            if (step.reason() != null && !step.reason().isEmpty()) {
                text.append("  ").append(step.reason());
            }
        }
        return text.toString();
    }

    String history(History history) {
        if (history.operations().isEmpty()) {
            return "No operations yet.";
        }
        Table table = Table.withHeader("#", "TIME", "VERB", "PLUGIN", "FROM", "TO", "OUTCOME", "WHO", "MESSAGE");
        for (Operation operation : history.operations()) {
            table.row(operation.sequence(), time(operation.time()), operation.verb().label(), operation.target(),
                    orNone(operation.fromVersion()), orNone(operation.toVersion()), operation.outcome().label(),
                    operation.origin(), operation.message());
        }
        return table.render();
    }

    /** One plugin event as a line: verb, plugin, version, then the state or the failure, and who asked. */
    String event(PluginEvent event) {
        StringBuilder line = new StringBuilder(event.verb()).append(' ').append(event.id());
        if (event.version() != null) {
            line.append(' ').append(event.version());
        }
        line.append(": ");
        if (event.succeeded()) {
            line.append("done");
            if (event.state() != null) {
                line.append(", ").append(event.state());
            }
        } else {
            line.append("failed (").append(orNone(event.code())).append(") ").append(orNone(event.message()));
        }
        return line.append(" [").append(orNone(event.origin())).append(']').toString();
    }

    String deployStatus(DeployStatus status) {
        if (status.files().isEmpty()) {
            return "No jars in " + status.directory() + ". Drop a plugin jar there to install and enable it.";
        }
        Table table = Table.withHeader("FILE", "STATUS", "PLUGIN", "VERSION", "SINCE", "MESSAGE");
        for (DeployedFile file : status.files()) {
            String[] message = file.message().split("\n", 2);
            table.row(file.file(), file.status().label(), orNone(file.id()), orNone(file.version()),
                    time(file.since()), message[0]);
        }
        return "Deploy directory: " + status.directory() + "\n" + table.render();
    }

    String diagnosis(Diagnosis diagnosis) {
        String subject = diagnosis.id() + " " + diagnosis.version();
        if (diagnosis.resolved()) {
            return subject + " is resolved.";
        }
        if (diagnosis.problems().isEmpty()) {
            return subject + " cannot be resolved (the resolver gave no reason).";
        }
        StringBuilder text = new StringBuilder(subject).append(" cannot be resolved:");
        diagnosis.problems().forEach(problem -> text.append("\n  - ").append(problem));
        return text.toString();
    }

    /** {@code plugin:info}: the plugin's details, then its storage section when it has one. */
    String info(StorageViews.Plugin plugin) {
        String storage = storageText.section(plugin.storage());
        return details(plugin.details()) + (storage.isEmpty() ? "" : "\n" + storage);
    }

    String details(PluginDetails details) {
        PluginInfo plugin = details.plugin();
        Table fields = Table.indented("")
                .row("ID:", plugin.id())
                .row("Version:", plugin.version())
                .row("Name:", plugin.name())
                .row("Description:", orNone(plugin.description()))
                .row("Vendor:", orNone(plugin.vendor()))
                .row("Kind:", plugin.kind().label())
                .row("State:", plugin.state().label())
                .row("Bundle ID:", plugin.bundleId() < 0 ? "- (not in the framework)" : plugin.bundleId())
                .row("SHA-256:", orNone(plugin.sha256()))
                .row("Source:", orNone(plugin.source()))
                .row("Installed at:", plugin.installedAt() == null ? NONE : time(plugin.installedAt()));
        if (plugin.fragmentHost() != null) {
            fields.row("Fragment of:", plugin.fragmentHost() + " (attached while it is resolved; never started on "
                    + "its own)");
        }
        if (plugin.installedBy() != null) {
            fields.row("Installed by:", plugin.installedBy() + " (not by the plugin manager; plugin:remove "
                    + plugin.id() + " removes it)");
        }
        fields.row("Previous version:", plugin.previousVersion() == null ? NONE
                        : plugin.previousVersion() + " (plugin:rollback " + plugin.id() + " returns to it)")
                .row("Last error:", orNone(plugin.lastError()))
                .row("Requires:", names(plugin.requires()))
                .row("Required by:", names(plugin.requiredBy()));
        return fields.render() + "\n" + wiring(details) + "\n" + components(details) + refusedRoutes(details)
                + settingsProblems(details);
    }

    private static String settingsProblems(PluginDetails details) {
        StringBuilder text = new StringBuilder();
        if (!details.settingsProblems().isEmpty()) {
            text.append("\nMisconfigured (runs on its last good settings; plugin:settings ")
                    .append(details.plugin().id()).append(" shows them):");
            details.settingsProblems().forEach(problem -> text.append("\n  ").append(problem));
        }
        return text.toString();
    }

    private static String refusedRoutes(PluginDetails details) {
        StringBuilder text = new StringBuilder();
        if (!details.refusedRoutes().isEmpty()) {
            text.append("\nRefused web routes:");
            details.refusedRoutes().forEach(route -> text.append("\n  ").append(route));
        }
        return text.toString();
    }

    private static String wiring(PluginDetails details) {
        if (!details.wired()) {
            return "Wiring: not resolved" + (details.plugin().bundleId() < 0 ? ""
                    : " (plugin:why " + details.plugin().id() + " explains)");
        }
        if (details.wiring().isEmpty()) {
            return "Wiring: none";
        }
        Table table = Table.indented("  ");
        for (PluginDetails.Wire wire : details.wiring()) {
            String from = "from " + wire.provider() + " " + wire.providerVersion();
            table.row(kind(wire.namespace()) + " " + wire.name(), from);
        }
        return "Wiring:\n" + table.render();
    }

    private static String components(PluginDetails details) {
        if (details.components().isEmpty()) {
            return "Components: none";
        }
        StringBuilder text = new StringBuilder("Components:");
        Table table = Table.indented("  ");
        details.components().forEach(component -> table.row(component.name(), component.state()));
        String[] lines = table.render().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            PluginDetails.Component component = details.components().get(i);
            text.append('\n').append(lines[i]);
            for (PluginDetails.UnsatisfiedReference reference : component.unsatisfiedReferences()) {
                text.append("\n    missing reference ").append(reference.name()).append(": ")
                        .append(reference.service());
                if (reference.target() != null && !reference.target().isEmpty()) {
                    text.append(" (target ").append(reference.target()).append(')');
                }
            }
            if (component.failure() != null && !component.failure().isEmpty()) {
                text.append("\n    failure: ").append(component.failure().strip().lines().findFirst().orElse(""));
            }
        }
        return text.toString();
    }

    /** How a requirement's namespace is shown: the usual ones by a word, others as they are. */
    private static String kind(String namespace) {
        switch (namespace) {
            case "osgi.wiring.package":
                return "package";
            case "osgi.wiring.bundle":
                return "bundle";
            case "osgi.wiring.host":
                return "host";
            default:
                return namespace;
        }
    }

    private String time(Instant instant) {
        return instant == null ? NONE : TIME.format(LocalDateTime.ofInstant(instant, zone));
    }

    private static String names(List<String> ids) {
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }

    private static String orNone(String value) {
        return value == null || value.isEmpty() ? NONE : value;
    }
}
