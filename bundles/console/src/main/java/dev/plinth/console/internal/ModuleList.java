package dev.plinth.console.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.plinth.api.plugin.PluginRoutes;
import dev.plinth.common.ConsoleContributions.Contribution;

/**
 * The document of {@code GET /api/console/modules}: the SDK version, one module per slot of every enabled plugin that
 * brings console pages (sorted by plugin, then slot), each with the URLs of its revision and its tier
 * ({@code trusted} when the operator trusts the plugin, else {@code sandboxed}), and the plugins whose pages are not
 * served, with why.
 *
 * @param sdk the console SDK's version
 * @param modules the modules
 * @param problems the plugins whose pages are not served
 */
record ModuleList(String sdk, List<Module> modules, List<Problem> problems) {

    /** Runs in the console's page. */
    static final String TRUSTED = "trusted";
    /** Runs in a sandboxed frame. */
    static final String SANDBOXED = "sandboxed";

    /** One slot of a plugin. */
    record Module(String plugin, String name, String version, String revision, String slot, String title,
            String tier, String entry, String frame, String routes) {
    }

    /** A plugin whose pages are not served. */
    record Problem(String plugin, String message) {
    }

    /**
     * @param consoles the enabled plugins' consoles, sorted by id
     * @param problems why other plugins' are not served, by id
     * @param trusted the ids of the plugins the operator trusts
     */
    static ModuleList of(List<PluginConsole> consoles, Map<String, String> problems, Set<String> trusted) {
        List<Module> modules = new ArrayList<>();
        for (PluginConsole console : consoles) {
            String tier = trusted.contains(console.id()) ? TRUSTED : SANDBOXED;
            for (Contribution slot : console.contributions()) {
                modules.add(new Module(console.id(), console.name(), console.version(), console.revision(),
                        slot.slot(), slot.title() == null ? console.name() : slot.title(), tier,
                        console.entryUrl(slot), console.frameUrl(slot.slot()),
                        PluginRoutes.PREFIX + console.id() + "/"));
            }
        }
        List<Problem> refused = new ArrayList<>();
        problems.forEach((plugin, message) -> refused.add(new Problem(plugin, message)));
        return new ModuleList(ConsolePaths.SDK_VERSION, List.copyOf(modules), List.copyOf(refused));
    }
}
