package dev.plinth.itests.reliability;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * The plugins implied by the operations the manager accepted: its history ({@code history.jsonl}) replayed in
 * order, each succeeded install, enable, disable, upgrade and remove applied to a model of the plugins. Plugins of
 * this test have no dependencies between them, so each verb changes its target only. A plugin set's apply is
 * several operations, each in the history on its own (an upgrade of several plugins together has one entry per
 * plugin), so it replays as they do. A fragment is enabled once installed (attached to its host, which runs
 * throughout), whoever installs it. The libraries are not replayed: they are those the remaining plugins need
 * ({@link #libraries}), as the manager counts them.
 */
final class HistoryModel {

    private final Set<String> fragments;
    private final Map<String, String> plugins = new TreeMap<>();
    private final Map<String, Integer> acceptedByOrigin = new TreeMap<>();
    private final Map<String, Integer> acceptedByTarget = new TreeMap<>();
    private int accepted;
    private int upgradedTogether;
    private int refused;

    private HistoryModel(Set<String> fragments) {
        this.fragments = fragments;
    }

    /**
     * Replays {@code history}; installs from {@code enabledOrigin} enable what they install, as do installs of
     * {@code fragments}.
     */
    static HistoryModel replay(Path history, String enabledOrigin, Set<String> fragments) throws IOException {
        HistoryModel model = new HistoryModel(fragments);
        for (String line : Files.readAllLines(history)) {
            if (line.isBlank()) {
                continue;
            }
            try (JsonReader reader = Json.createReader(new StringReader(line))) {
                model.apply(reader.readObject(), enabledOrigin);
            }
        }
        return model;
    }

    private void apply(JsonObject operation, String enabledOrigin) {
        if (!operation.getString("outcome").equals("SUCCEEDED")) {
            refused++;
            return;
        }
        accepted++;
        String origin = operation.getString("origin");
        String channel = origin.contains(":") ? origin.substring(0, origin.indexOf(':')) : origin;
        acceptedByOrigin.merge(channel, 1, Integer::sum);
        String id = operation.getString("target");
        acceptedByTarget.merge(operation.getString("verb") + " " + id, 1, Integer::sum);
        String version = plugins.containsKey(id) ? plugins.get(id).split(" ")[0] : null;
        switch (operation.getString("verb")) {
            case "INSTALL" -> plugins.put(id, operation.getString("to") + " "
                    + (channel.equals(enabledOrigin) || fragments.contains(id) ? "enabled"
                            : "installed"));
            case "ENABLE" -> plugins.put(id, version + " enabled");
            case "DISABLE" -> plugins.put(id, version + " installed");
            case "UPGRADE" -> {
                plugins.put(id, operation.getString("to") + " " + plugins.get(id).split(" ")[1]);
                if (operation.getString("message", "").contains(" together with ")) {
                    upgradedTogether++;
                }
            }
            case "REMOVE" -> plugins.remove(id);
            default -> throw new AssertionError("an operation this test does not make: " + operation);
        }
    }

    /** "version state" by plugin id. */
    Map<String, String> plugins() {
        return plugins;
    }

    /** The libraries the plugins need, directly or through other libraries: those the manager must keep. */
    java.util.Set<String> libraries(LibraryGraph needs) {
        Map<String, String> versions = new TreeMap<>();
        plugins.forEach((id, versionAndState) -> versions.put(id, versionAndState.split(" ")[0]));
        return needs.needed(versions, Map.of());
    }

    /** Accepted upgrades made together with other plugins' (by a plugin set's apply here), one per plugin. */
    int upgradedTogether() {
        return upgradedTogether;
    }

    /** How many operations each origin's channel (shell, rest, deploy) made that were accepted. */
    Map<String, Integer> acceptedByOrigin() {
        return acceptedByOrigin;
    }

    /** How many operations of {@code verb} on {@code id} were accepted. */
    int accepted(String verb, String id) {
        return acceptedByTarget.getOrDefault(verb + " " + id, 0);
    }

    int accepted() {
        return accepted;
    }

    int refused() {
        return refused;
    }
}
