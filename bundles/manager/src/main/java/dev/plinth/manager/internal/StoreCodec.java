package dev.plinth.manager.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

import dev.plinth.api.Operation;
import dev.plinth.api.PluginKind;
import dev.plinth.api.Verb;
import dev.plinth.common.json.JsonDocuments;

/**
 * The store's files as JSON, through Jackson: the state, the intent journal and history lines. Verbs and outcomes
 * are written as their names ({@code UPGRADE}, {@code ROLLED_BACK}), kinds as their labels, absent values left
 * out; the layout is the one every earlier version wrote and read.
 */
final class StoreCodec {

    /** {@code state.json}. */
    record StateFile(Integer format, Long sequence, List<StatePlugin> plugins) {
    }

    /** One plugin of {@code state.json}. */
    @JsonInclude(Include.NON_NULL)
    record StatePlugin(String id, String version, String sha256, String kind, Boolean enabled, Instant installedAt,
            String source, String lastError, String previousVersion, String previousSha256, String previousSource) {
    }

    /** {@code intent.json}. */
    record IntentFile(Long sequence, String verb, String target, String origin, Instant started,
            List<String> touched) {
    }

    /** One line of {@code history.jsonl}. */
    @JsonInclude(Include.NON_NULL)
    record HistoryLine(Long sequence, Instant time, String verb, String target, String outcome, String origin,
            String from, String to, String message) {
    }

    String write(StoreState state) {
        List<StatePlugin> plugins = state.all().stream().map(plugin -> new StatePlugin(plugin.id(), plugin.version(),
                plugin.sha256(), plugin.kind().label(), plugin.enabled(), plugin.installedAt(), plugin.source(),
                plugin.lastError(), plugin.previousVersion(), plugin.previousSha256(), plugin.previousSource()))
                .toList();
        return JsonDocuments.pretty(new StateFile(1, state.sequence(), plugins)) + "\n";
    }

    StoreState readState(String text) {
        StateFile file = JsonDocuments.read(text, StateFile.class);
        Map<String, StoredPlugin> plugins = new TreeMap<>();
        for (StatePlugin plugin : required(file.plugins(), "plugins")) {
            required(plugin, "a plugin");
            StoredPlugin record = new StoredPlugin(required(plugin.id(), "id"), required(plugin.version(), "version"),
                    required(plugin.sha256(), "sha256"), plugin.source(),
                    PluginKind.valueOf(required(plugin.kind(), "kind").toUpperCase(Locale.ROOT)),
                    required(plugin.enabled(), "enabled"), plugin.lastError(), plugin.previousVersion(),
                    plugin.previousSha256(), required(plugin.installedAt(), "installedAt"), plugin.previousSource());
            plugins.put(record.id(), record);
        }
        return new StoreState(required(file.sequence(), "sequence"), plugins);
    }

    String write(Intent intent) {
        return JsonDocuments.pretty(new IntentFile(intent.sequence(), intent.verb().name(), intent.target(),
                intent.origin(), intent.started(), intent.touched())) + "\n";
    }

    Intent readIntent(String text) {
        IntentFile file = JsonDocuments.read(text, IntentFile.class);
        List<String> touched = required(file.touched(), "touched");
        touched.forEach(id -> required(id, "touched"));
        return new Intent(required(file.sequence(), "sequence"), Verb.valueOf(required(file.verb(), "verb")),
                required(file.target(), "target"), required(file.origin(), "origin"),
                required(file.started(), "started"), touched);
    }

    /** One line of the history file. */
    String line(Operation operation) {
        return JsonDocuments.compact(new HistoryLine(operation.sequence(), operation.time(), operation.verb().name(),
                operation.target(), operation.outcome().name(), operation.origin(), operation.fromVersion(),
                operation.toVersion(), operation.message()));
    }

    Operation readLine(String line) {
        HistoryLine read = JsonDocuments.read(line, HistoryLine.class);
        return new Operation(required(read.sequence(), "sequence"), required(read.time(), "time"),
                Verb.valueOf(required(read.verb(), "verb")), required(read.target(), "target"), read.from(),
                read.to(), Operation.Outcome.valueOf(required(read.outcome(), "outcome")), read.message(),
                required(read.origin(), "origin"));
    }

    private static <T> T required(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("\"" + name + "\" is missing");
        }
        return value;
    }
}
