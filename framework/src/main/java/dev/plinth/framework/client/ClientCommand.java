package dev.plinth.framework.client;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One {@code bin/plinth} command for the running runtime:
 * {@code plugins [--all] [--json] | install [--enable] [--dry-run] JAR | enable|rollback [--dry-run] ID |
 * disable|remove [--cascade] [--dry-run] ID | upgrade [--dry-run] ID JAR | history [-n N] [--json] | events [--json]}.
 *
 * @param verb the command
 * @param id the plugin id, or {@code null}
 * @param file the archive to upload ({@code install}, {@code upgrade}) or the plugin set file ({@code export},
 *        {@code apply}), or {@code null}
 * @param json print the API's JSON instead of text
 * @param all with {@code plugins}: libraries and system bundles too
 * @param enable with {@code install}: enable it too
 * @param dryRun print the plan, change nothing
 * @param cascade with {@code disable} and {@code remove}: the dependents too
 * @param limit with {@code history}: how many operations
 */
record ClientCommand(String verb, String id, Path file, boolean json, boolean all, boolean enable, boolean dryRun,
        boolean cascade, int limit) {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: plinth COMMAND   (talks to the Plinth running on this home through its REST API)",
            "  plugins [--all] [--json]                 the plugins (--all: libraries and system bundles too)",
            "  install [--enable] [--dry-run] JAR       install a plugin from a jar",
            "  enable [--dry-run] ID                    enable a plugin and what it needs",
            "  disable [--cascade] [--dry-run] ID       disable a plugin (--cascade: its dependents first)",
            "  upgrade [--dry-run] ID JAR               upgrade a plugin from a jar",
            "  rollback [--dry-run] ID                  back to the version before the last upgrade",
            "  remove [--cascade] [--dry-run] ID        remove a plugin",
            "  history [-n N] [--json]                  the last operations (20 unless -n)",
            "  events [--json]                          follow plugin changes until interrupted",
            "  available [--json] [WORDS...]            the plugins the catalogues offer",
            "  install [--enable] [--dry-run] ID[@VER]  install a plugin by id from the catalogues",
            "  outdated [--json]                        plugins with a newer version in a catalogue",
            "  update [--dry-run] ID | --all            update a plugin (--all: every one not pinned)",
            "  pin ID | unpin ID                        keep a plugin at its version / let it update",
            "  export [FILE]                            the plugin set as JSON (to FILE, or printed)",
            "  apply [--dry-run] FILE                   converge the plugins to a plugin set file");

    static final Set<String> VERBS = Set.of("plugins", "install", "enable", "disable", "upgrade", "rollback",
            "remove", "history", "events", "available", "outdated", "update", "pin", "unpin", "export", "apply");

    private static final int HISTORY_DEFAULT = 20;

    /** Parses the words after {@code bin/plinth}; an {@link IllegalArgumentException} says what is wrong. */
    static ClientCommand parse(List<String> words) {
        if (words.isEmpty() || !VERBS.contains(words.get(0))) {
            throw new IllegalArgumentException(words.isEmpty() ? "no command" : "unknown command " + words.get(0));
        }
        String verb = words.get(0);
        boolean json = false;
        boolean all = false;
        boolean enable = false;
        boolean dryRun = false;
        boolean cascade = false;
        int limit = HISTORY_DEFAULT;
        List<String> operands = new java.util.ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "--json" -> json = allowed(verb, word, "plugins", "history", "events", "available", "outdated");
                case "--all" -> all = allowed(verb, word, "plugins", "update");
                case "--enable" -> enable = allowed(verb, word, "install");
                case "--dry-run", "-s", "--simulate" -> dryRun = allowed(verb, word, "install", "enable", "disable",
                        "upgrade", "rollback", "remove", "update", "apply");
                case "--cascade" -> cascade = allowed(verb, word, "disable", "remove");
                case "-n" -> {
                    allowed(verb, word, "history");
                    if (i + 1 >= words.size()) {
                        throw new IllegalArgumentException("-n needs a number");
                    }
                    limit = number(words.get(++i));
                }
                default -> {
                    if (word.startsWith("-") && word.length() > 1) {
                        throw new IllegalArgumentException(verb + " has no option " + word);
                    }
                    operands.add(word);
                }
            }
        }
        if (verb.equals("available")) {
            return new ClientCommand(verb, operands.isEmpty() ? null : String.join(" ", operands), null, json, false,
                    false, false, false, limit);
        }
        if (verb.equals("export") && operands.size() <= 1) {
            return new ClientCommand(verb, null, operands.isEmpty() ? null : Path.of(operands.get(0)), false, false,
                    false, false, false, limit);
        }
        if (verb.equals("update") && all) {
            if (!operands.isEmpty() || dryRun) {
                throw new IllegalArgumentException("update --all takes no plugin id and has no dry run");
            }
            return new ClientCommand(verb, null, null, false, true, false, false, false, limit);
        }
        if (verb.equals("install") && operands.size() == 1 && isCatalogName(operands.get(0))) {
            return new ClientCommand(verb, operands.get(0), null, false, false, enable, dryRun, false, limit);
        }
        int wanted = switch (verb) {
            case "plugins", "history", "events", "outdated" -> 0;
            case "upgrade" -> 2;
            default -> 1;
        };
        if (operands.size() != wanted) {
            throw new IllegalArgumentException(verb + " takes " + switch (wanted) {
                case 0 -> "no arguments";
                case 2 -> "a plugin id and a jar";
                default -> verb.equals("install") ? "a jar or a plugin id from a catalogue"
                        : verb.equals("apply") ? "a plugin set file" : verb.equals("export") ? "at most a file"
                        : "a plugin id";
            });
        }
        boolean fileFirst = verb.equals("install") || verb.equals("apply");
        String id = fileFirst || wanted == 0 ? null : operands.get(0);
        Path file = fileFirst ? Path.of(operands.get(0)) : verb.equals("upgrade") ? Path.of(operands.get(1)) : null;
        return new ClientCommand(verb, id, file, json, all, enable, dryRun, cascade, limit);
    }

    /** A plugin id (with {@code @VERSION}) rather than a jar: no such file, no {@code .jar}, no path separator. */
    static boolean isCatalogName(String operand) {
        return operand.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*(@[A-Za-z0-9_.-]+)?") && !operand.endsWith(".jar")
                && !java.nio.file.Files.exists(Path.of(operand));
    }

    private static boolean allowed(String verb, String option, String... verbs) {
        if (!List.of(verbs).contains(verb)) {
            throw new IllegalArgumentException(verb + " has no option " + option);
        }
        return true;
    }

    private static int number(String text) {
        try {
            int number = Integer.parseInt(text);
            if (number >= 1 && number <= 1000) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("-n needs a number from 1 to 1000, not " + text);
    }
}
