package dev.plinth.common.documents;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.plinth.api.PluginDetails;
import dev.plinth.api.PluginInfo;

/**
 * A plugin in full as JSON ({@code GET /api/plugins/{id}}, {@code plugin:info --json}): every {@link PluginInfo}
 * property inline, then the rest of {@link PluginDetails}.
 */
public record PluginDetailsDocument(@JsonUnwrapped PluginInfo plugin, boolean wired,
        List<PluginDetails.Wire> wiring, List<PluginDetails.Component> components, List<String> refusedRoutes,
        List<String> settingsProblems) {

    /** The document of {@code details}. */
    public static PluginDetailsDocument of(PluginDetails details) {
        return new PluginDetailsDocument(details.plugin(), details.wired(), details.wiring(), details.components(),
                details.refusedRoutes(), details.settingsProblems());
    }
}
