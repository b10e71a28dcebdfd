package dev.plinth.framework.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns the REST API's JSON into what {@code bin/plinth} prints: tables, plans and event lines. */
final class ClientOutput {

    private static final String SIMULATED = "(simulated, nothing changed)";

    private ClientOutput() {
    }

    /** The plugins as a table: id, version, state, kind and name. */
    static String plugins(List<Object> plugins) {
        if (plugins.isEmpty()) {
            return "No plugins installed.";
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ID", "VERSION", "STATE", "KIND", "NAME"));
        for (Object value : plugins) {
            Map<?, ?> plugin = (Map<?, ?>) value;
            rows.add(List.of(text(plugin, "id"), text(plugin, "version"), text(plugin, "state"), text(plugin, "kind"),
                    text(plugin, "name")));
        }
        return table(rows);
    }

    /** What a verb did (or, in a dry run, would do), step by step. */
    static String outcome(Map<?, ?> outcome) {
        Map<?, ?> plan = (Map<?, ?>) outcome.get("plan");
        String verb = text(plan, "verb");
        String target = text(plan, "target");
        boolean simulated = Boolean.TRUE.equals(plan.get("simulated"));
        List<?> steps = (List<?>) plan.get("steps");
        if (steps.isEmpty()) {
            return "Nothing to do for " + target + (simulated ? " " + SIMULATED : "") + ".";
        }
        StringBuilder text = new StringBuilder(simulated ? "Plan for " + verb + " " + target + " " + SIMULATED + ":"
                : verb.substring(0, 1).toUpperCase(Locale.ROOT) + verb.substring(1) + " " + target + ": done.");
        int actionWidth = steps.stream().mapToInt(step -> text((Map<?, ?>) step, "action").length()).max().orElse(0);
        int numberWidth = String.valueOf(steps.size()).length();
        int number = 0;
        for (Object value : steps) {
            Map<?, ?> step = (Map<?, ?>) value;
            number++;
            String action = text(step, "action");
            text.append("\n  ").append(pad(String.valueOf(number), numberWidth, true)).append(". ")
                    .append(pad(action, actionWidth, false)).append(' ').append(text(step, "id")).append(' ')
                    .append(text(step, "version"));
            if (!text(step, "reason").isEmpty()) {
                text.append("  ").append(text(step, "reason"));
            }
        }
        List<?> refresh = (List<?>) plan.get("refresh");
        text.append("\nRefresh: ").append(refresh.isEmpty() ? "none"
                : String.join(", ", refresh.stream().map(String::valueOf).toList()));
        return text.toString();
    }

    /** What the catalogues offer: id, newest version this runtime can run, installed version, description. */
    static String available(List<Object> entries) {
        if (entries.isEmpty()) {
            return "No catalogue plugin matches.";
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ID", "VERSION", "INSTALLED", "OFFERED", "DESCRIPTION"));
        for (Object value : entries) {
            Map<?, ?> entry = (Map<?, ?>) value;
            rows.add(List.of(text(entry, "id"), orNone(text(entry, "version")), orNone(text(entry, "installed")),
                    String.join(", ", ((List<?>) entry.get("versions")).stream().map(String::valueOf).toList()),
                    text(entry, "version").isEmpty() ? "needs Plinth runtime " + text(entry, "runtime")
                            : text(entry, "description")));
        }
        return table(rows);
    }

    /** The outdated plugins: id, installed, newest, pinned. */
    static String outdated(List<Object> plugins) {
        if (plugins.isEmpty()) {
            return "Every plugin is up to date.";
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ID", "INSTALLED", "NEWEST", "PINNED"));
        for (Object value : plugins) {
            Map<?, ?> plugin = (Map<?, ?>) value;
            rows.add(List.of(text(plugin, "id"), text(plugin, "installed"), text(plugin, "newest"),
                    Boolean.TRUE.equals(plugin.get("pinned")) ? "yes" : "no"));
        }
        return table(rows);
    }

    /** What {@code update --all} did, a line per plugin. */
    static String updates(List<Object> results) {
        if (results.isEmpty()) {
            return "Nothing to update: every plugin not pinned is up to date.";
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("PLUGIN", "VERSION", "OUTCOME", "MESSAGE"));
        for (Object value : results) {
            Map<?, ?> result = (Map<?, ?>) value;
            boolean updated = Boolean.TRUE.equals(result.get("updated"));
            rows.add(List.of(text(result, "id"), text(result, "version"), updated ? "done" : "failed",
                    updated ? "" : text((Map<?, ?>) result.get("problem"), "detail")));
        }
        return table(rows);
    }

    /** What an apply changed (or, in a dry run, would change). */
    static String changes(Map<?, ?> answer, String file) {
        List<?> changes = (List<?>) answer.get("changes");
        if (changes.isEmpty()) {
            return "Nothing to do: the plugins already match " + file + ".";
        }
        boolean simulated = Boolean.TRUE.equals(answer.get("simulated"));
        List<List<String>> rows = new ArrayList<>();
        int number = 0;
        for (Object value : changes) {
            Map<?, ?> change = (Map<?, ?>) value;
            String action = text(change, "action");
            String versions = action.equals("upgrade") ? text(change, "from") + " -> " + text(change, "to")
                    : orNone(text(change, "to").isEmpty() ? text(change, "from") : text(change, "to"));
            rows.add(List.of("  " + ++number + ".", action, text(change, "id"), versions));
        }
        return (simulated ? "Plan for apply " + file + " " + SIMULATED + ":" : "Apply " + file + ": done.") + "\n"
                + table(rows);
    }

    /** The operations as a table, oldest first. */
    static String history(List<Object> operations) {
        if (operations.isEmpty()) {
            return "No operations yet.";
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("#", "TIME", "VERB", "PLUGIN", "FROM", "TO", "OUTCOME", "ORIGIN", "MESSAGE"));
        for (Object value : operations) {
            Map<?, ?> operation = (Map<?, ?>) value;
            rows.add(List.of(text(operation, "sequence"), time(text(operation, "time")), text(operation, "verb"),
                    text(operation, "target"), orNone(text(operation, "fromVersion")),
                    orNone(text(operation, "toVersion")), text(operation, "outcome"), text(operation, "origin"),
                    text(operation, "message")));
        }
        return table(rows);
    }

    /** One event of the stream as a line: verb, plugin, version, then the state or the failure. */
    static String event(Map<?, ?> event) {
        boolean succeeded = Boolean.TRUE.equals(event.get("succeeded"));
        String version = text(event, "version");
        return text(event, "verb") + " " + text(event, "id") + (version.isEmpty() ? "" : " " + version) + ": "
                + (succeeded ? "done" + (text(event, "state").isEmpty() ? "" : ", " + text(event, "state"))
                        : "failed (" + text(event, "code") + ") " + text(event, "message"))
                + " [" + text(event, "origin") + "]";
    }

    static String text(Map<?, ?> object, String name) {
        Object value = object.get(name);
        return value == null ? "" : String.valueOf(value);
    }

    private static String table(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i], false) + "  ");
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString().stripTrailing();
    }

    private static String pad(String text, int width, boolean right) {
        String padding = " ".repeat(Math.max(0, width - text.length()));
        return right ? padding + text : text + padding;
    }

    private static String time(String instant) {
        return instant.length() >= 19 ? instant.substring(0, 19) : instant;
    }

    private static String orNone(String version) {
        return version.isEmpty() ? "-" : version;
    }
}
