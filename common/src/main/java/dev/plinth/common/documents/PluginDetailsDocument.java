package dev.plinth.common.documents;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.plinth.api.PluginDetails;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.storage.StorageInfo;

/**
 * A plugin in full as JSON ({@code GET /api/plugins/{id}}, {@code plugin:info --json}): every {@link PluginInfo}
 * property inline, then the rest of {@link PluginDetails}, then its {@code storage} ({@code null} when it has none, or
 * when Plinth's storage is not installed).
 */
public record PluginDetailsDocument(@JsonUnwrapped PluginInfo plugin, boolean wired,
        List<PluginDetails.Wire> wiring, List<PluginDetails.Component> components, List<String> refusedRoutes,
        List<String> settingsProblems, StorageInfo storage) {

    /** The document of {@code details}, without storage. */
    public static PluginDetailsDocument of(PluginDetails details) {
        return of(details, null);
    }

    /** The document of {@code details} and the plugin's {@code storage} ({@code null}: none). */
    public static PluginDetailsDocument of(PluginDetails details, StorageInfo storage) {
        return new PluginDetailsDocument(details.plugin(), details.wired(), details.wiring(), details.components(),
                details.refusedRoutes(), details.settingsProblems(), storage);
    }
}
