package dev.plinth.shell.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Pattern;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.plinth.api.catalog.Catalog;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.fleet.Fleet;
import dev.plinth.api.fleet.Generation;
import dev.plinth.api.fleet.Rollout;
import dev.plinth.common.json.JsonDocuments;

/**
 * The {@code fleet:*} commands over {@link Fleet}, present while this runtime is a node of a fleet (without it every
 * command fails, saying how to make it one). Publishing reads the plugin set file as {@code plugin:apply} does.
 */
@Component(service = Object.class, property = {
        "osgi.command.scope=fleet",
        "osgi.command.function=publish",
        "osgi.command.function=status",
        "osgi.command.function=rollback",
        "osgi.command.function=nodes",
        "osgi.command.function=history",
        "osgi.command.function=show",
        "osgi.command.function=forget" })
public final class FleetCommands {

    private static final Pattern CANARIES = Pattern.compile("(0|[1-9][0-9]{0,5})%?");
    private static final int HISTORY_MAX = 1000;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Fleet fleet;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Catalog catalog;

    private final Clock clock;

    @Activate
    public FleetCommands() {
        this.clock = Clock.systemUTC();
    }

    /** Commands over {@code fleet} and {@code catalog} ({@code null}: not running) at {@code clock}, for tests. */
    FleetCommands(Fleet fleet, Catalog catalog, Clock clock) {
        this.fleet = fleet;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Descriptor("publishes a plugin set file (as plugin:export writes it) as the group's next generation, rolled out "
            + "to the canary nodes first, then to the others")
    public FleetViews.Published publish(CommandSession session,
            @Descriptor("only show the generation and each node's plan; publish nothing")
            @Parameter(names = { "--simulate", "-s" }, presentValue = "true", absentValue = "false") boolean simulate,
            @Descriptor("the canary nodes: a count (2), a share of the live nodes (20%), or 0 for every node at once "
                    + "(default: the node's configuration)")
            @Parameter(names = { "--canaries" }, absentValue = "") String canaries,
            @Descriptor("how long the canaries have to report healthy (default: the node's configuration)")
            @Parameter(names = { "--canary-seconds" }, absentValue = "0") int canarySeconds,
            @Descriptor("republish the last good generation when the rollout halts (default: the node's configuration)")
            @Parameter(names = { "--auto-rollback" }, presentValue = "true", absentValue = "false")
            boolean autoRollback,
            @Descriptor("leave a halted rollout halted, whatever the node's configuration says")
            @Parameter(names = { "--no-auto-rollback" }, presentValue = "true", absentValue = "false")
            boolean noAutoRollback,
            @Descriptor("the generation the publish is based on (the one the dry run named): refused when another was "
                    + "published since")
            @Parameter(names = { "--base" }, absentValue = "0") long base,
            @Descriptor("the plugin set file") String file) {
        if (!canaries.isEmpty() && !validCanaries(canaries)) {
            throw new CommandFailedException("--canaries takes a count (2), a share of the nodes from 1% to 100% "
                    + "(20%), or 0; not " + canaries);
        }
        if (canarySeconds < 0) {
            throw new CommandFailedException("--canary-seconds must be at least 1, not " + canarySeconds);
        }
        if (autoRollback && noAutoRollback) {
            throw new CommandFailedException("--auto-rollback and --no-auto-rollback contradict each other: give one");
        }
        if (base < 0) {
            throw new CommandFailedException("--base must be a generation number (0: the current one), not " + base);
        }
        Fleet service = fleet();
        Catalog sets = catalog;
        if (sets == null) {
            throw new CommandFailedException("plugin set files are read by the catalogue, which is not running (the "
                    + "bundle dev.plinth.catalog)");
        }
        Path source = SetFiles.resolve(session, file);
        String text = SetFiles.read(source);
        PluginSet wanted = Refusals.run(() -> sets.parse(text));
        Rollout rollout = new Rollout(canaries.isEmpty() ? null : canaries, canarySeconds == 0 ? null : canarySeconds,
                autoRollback ? Boolean.TRUE : noAutoRollback ? Boolean.FALSE : null);
        return new FleetViews.Published("publish", source.toString(),
                Refusals.run(() -> service.publish(wanted, rollout, base, by(service), simulate)));
    }

    @Descriptor("republishes the last good generation before the current one, to every node at once")
    public FleetViews.Published rollback(
            @Descriptor("only show the generation and each node's plan; publish nothing")
            @Parameter(names = { "--simulate", "-s" }, presentValue = "true", absentValue = "false")
            boolean simulate,
            @Descriptor("the generation to roll back (the one the dry run named): refused when another is current")
            @Parameter(names = { "--base" }, absentValue = "0") long base) {
        if (base < 0) {
            throw new CommandFailedException("--base must be a generation number (0: the current one), not " + base);
        }
        Fleet service = fleet();
        return new FleetViews.Published("rollback", null, Refusals.run(() -> service.rollback(base, by(service),
                simulate)));
    }

    @Descriptor("shows the group's current generation, its rollout, and every node: applied and target generation, "
            + "state, health, last seen, failures and drift")
    public Object status(
            @Descriptor("print JSON (the group, its current generation and its nodes)")
            @Parameter(names = { "--json" }, presentValue = "true", absentValue = "false") boolean asJson) {
        Fleet service = fleet();
        var status = Refusals.run(service::status);
        return asJson ? new JsonText(JsonDocuments.pretty(status)) : new FleetViews.Status(status, clock.instant());
    }

    @Descriptor("lists the group's nodes")
    public Object nodes(
            @Descriptor("print a JSON array")
            @Parameter(names = { "--json" }, presentValue = "true", absentValue = "false") boolean asJson) {
        Fleet service = fleet();
        var nodes = Refusals.run(service::nodes);
        return asJson ? new JsonText(JsonDocuments.pretty(nodes)) : new FleetViews.Nodes(nodes, clock.instant());
    }

    @Descriptor("lists the group's generations, newest first")
    public Object history(
            @Descriptor("how many generations to show (default 20)")
            @Parameter(names = { "--limit", "-n" }, absentValue = "20") int limit,
            @Descriptor("print a JSON array (with each generation's plugin set)")
            @Parameter(names = { "--json" }, presentValue = "true", absentValue = "false") boolean asJson) {
        if (limit < 1 || limit > HISTORY_MAX) {
            throw new CommandFailedException("the limit must be from 1 to " + HISTORY_MAX + ", not " + limit);
        }
        Fleet service = fleet();
        var generations = Refusals.run(() -> service.history(limit));
        return asJson ? new JsonText(JsonDocuments.pretty(generations)) : new FleetViews.Generations(generations);
    }

    @Descriptor("shows one generation with its plugin set")
    public Object show(
            @Descriptor("print JSON")
            @Parameter(names = { "--json" }, presentValue = "true", absentValue = "false") boolean asJson,
            @Descriptor("the generation number") long number) {
        if (number < 1) {
            throw new CommandFailedException("generations are numbered from 1, not " + number);
        }
        Fleet service = fleet();
        Generation generation = Refusals.run(() -> service.generation(number)).orElseThrow(() ->
                new CommandFailedException("no generation " + number + " in group " + service.self().group()
                        + " (fleet:history lists them)"));
        return asJson ? new JsonText(JsonDocuments.pretty(generation)) : new FleetViews.Shown(generation);
    }

    @Descriptor("removes a node that left the group from the status; refused while the node is live")
    public String forget(@Descriptor("the node's name") String node) {
        Fleet service = fleet();
        Refusals.run(() -> {
            service.forget(node);
            return null;
        });
        return "Forgot node " + node + " of group " + service.self().group()
                + " (it joins again as new if it starts again)";
    }

    private Fleet fleet() {
        Fleet service = fleet;
        if (service == null) {
            throw new CommandFailedException(FleetViews.NOT_A_NODE);
        }
        return service;
    }

    /** Who publishes, as the history shows it: the command's origin at this node ({@code shell:ada@node-a}). */
    private static String by(Fleet service) {
        return Origins.current() + "@" + service.self().name();
    }

    private static boolean validCanaries(String canaries) {
        if (!CANARIES.matcher(canaries).matches()) {
            return false;
        }
        if (!canaries.endsWith("%")) {
            return true;
        }
        int share = Integer.parseInt(canaries.substring(0, canaries.length() - 1));
        return share >= 1 && share <= 100;
    }
}
