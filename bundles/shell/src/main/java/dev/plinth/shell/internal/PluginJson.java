package dev.plinth.shell.internal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.plinth.api.Operation;
import dev.plinth.api.PluginDetails;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.catalog.CatalogEntry;
import dev.plinth.api.catalog.Outdated;
import dev.plinth.api.settings.PluginSettingsView;
import dev.plinth.api.storage.StorageInfo;
import dev.plinth.common.documents.OperationDocument;
import dev.plinth.common.documents.PluginDetailsDocument;
import dev.plinth.common.json.JsonDocuments;

/**
 * Writes the shell's {@code --json} output through Jackson ({@link JsonDocuments}), indented: every
 * {@link PluginInfo} field under its own name, kind and state as their labels, instants in ISO-8601, absent
 * values as {@code null}.
 */
final class PluginJson {

    /** A plugin of a list: its properties inline, and whether it runs misconfigured, on its last good settings. */
    record ListedDocument(@JsonUnwrapped PluginInfo plugin, boolean misconfigured) {
    }

    /** A JSON array of the plugins, in the given order. */
    String plugins(List<PluginInfo> plugins) {
        return JsonDocuments.pretty(plugins);
    }

    /** A JSON array of a list's plugins, in its order, each saying whether it is misconfigured. */
    String plugins(PluginList list) {
        return JsonDocuments.pretty(list.rows().stream()
                .map(plugin -> new ListedDocument(plugin, list.misconfigured(plugin))).toList());
    }

    /** A JSON object of the plugin's fields, with {@code wiring}, {@code components} and {@code refusedRoutes} added. */
    String details(PluginDetails details) {
        return details(details, null);
    }

    /** As {@link #details(PluginDetails)}, with the plugin's {@code storage} ({@code null}: none). */
    String details(PluginDetails details, StorageInfo storage) {
        return JsonDocuments.pretty(PluginDetailsDocument.of(details, storage));
    }

    /** The deploy directory's files as a JSON object: {@code directory} and a {@code files} array. */
    String deployStatus(DeployStatus status) {
        return JsonDocuments.pretty(status);
    }

    /** The operations as a JSON array, oldest first, each with its {@code channel} and {@code by}. */
    String history(List<Operation> operations) {
        return JsonDocuments.pretty(operations.stream().map(OperationDocument::of).toList());
    }

    /** The catalogues' offer as a JSON array. */
    String available(List<CatalogEntry> entries) {
        return JsonDocuments.pretty(entries);
    }

    /** The outdated plugins as a JSON array. */
    String outdated(List<Outdated> plugins) {
        return JsonDocuments.pretty(plugins);
    }

    /** A plugin's settings as a JSON object (a secret's value is never in it). */
    String settings(PluginSettingsView view) {
        return JsonDocuments.pretty(SettingsViews.redacted(view));
    }

    /** One plugin event as a JSON object on one line. */
    String event(PluginEvent event) {
        return JsonDocuments.compact(event);
    }
}
