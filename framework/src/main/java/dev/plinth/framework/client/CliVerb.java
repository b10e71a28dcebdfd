package dev.plinth.framework.client;

import java.util.List;

/**
 * A {@code bin/plinth} plugin verb ({@code plugins}, {@code install}, ... {@code deploy-status}, and the two-word
 * {@code fleet} verbs of {@link FleetVerb}) as the Gogo program
 * that the runtime running on the home runs for it: the shell command of the same job, whose output, messages and
 * exit status the verb has. Only the words are checked here (a wrong one is a usage error, status 2); the runtime
 * answers everything else. File names go as they are: the runtime resolves them against the client's working
 * directory.
 */
final class CliVerb {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: plinth COMMAND   (runs in the Plinth running on this home, through its socket)",
            "  plugins [--all] [--json]                 the plugins (--all: libraries and system bundles too)",
            "  install [--enable] [--dry-run] JAR...    install plugins from jars",
            "  install [--enable] [--dry-run] ID[@VER]  install a plugin by id from the catalogues",
            "  enable [--dry-run] ID                    enable a plugin and what it needs",
            "  disable [--cascade] [--dry-run] ID       disable a plugin (--cascade: its dependents first)",
            "  upgrade [--dry-run] [--force] ID JAR     upgrade a plugin from a jar (--force: even when its new "
                    + "settings refuse stored values)",
            "  rollback [--dry-run] ID                  back to the version before the last upgrade",
            "  remove [--cascade] [--dry-run] [--keep-data|--purge] ID...   remove plugins (--keep-data: keep "
                    + "their settings; --purge: delete their storage too)",
            "  history [-n N] [--json]                  the last operations (20 unless -n)",
            "  events [--json]                          follow plugin changes until interrupted",
            "  info [--json] ID | why ID | deploy-status   a plugin's details; why it does not resolve; the deploy "
                    + "directory",
            "  available [--json] [WORDS...]            the plugins the catalogues offer",
            "  outdated [--json]                        plugins with a newer version in a catalogue",
            "  update [--dry-run] ID | --all            update a plugin (--all: every one not pinned)",
            "  pin ID | unpin ID                        keep a plugin at its version / let it update",
            "  export [FILE]                            the plugin set as JSON (to FILE, or printed)",
            "  apply [--dry-run] FILE                   converge the plugins to a plugin set file",
            "  settings [--json] ID                     a plugin's settings with their sources (secrets as set/unset)",
            "  set ID [PID] KEY=VALUE...                validate and store settings of a plugin",
            "  unset ID [PID] KEY...                    remove settings an operator set (a PID alone: all of it)",
            "  rotate-key                               a new secret key; every stored secret re-encrypted",
            "  storage [--json] [ID]                    every plugin's storage (kept: of a removed plugin), or one "
                    + "plugin's with its migrations",
            FleetVerb.USAGE);

    private static final List<String> VERBS = List.of("plugins", "install", "enable", "disable", "upgrade",
            "rollback", "remove", "history", "events", "available", "outdated", "update", "pin", "unpin", "export",
            "apply", "info", "why", "deploy-status", "settings", "set", "unset", "rotate-key", "storage", "fleet");

    private CliVerb() {
    }

    /**
     * The Gogo program for the words after {@code bin/plinth}.
     *
     * @throws IllegalArgumentException saying what is wrong with the words
     */
    static String program(List<String> words) {
        if (words.isEmpty() || !VERBS.contains(words.get(0))) {
            throw new IllegalArgumentException(words.isEmpty() ? "no command" : "unknown command " + words.get(0));
        }
        String verb = words.get(0);
        if (verb.equals("fleet")) {
            return FleetVerb.program(words.subList(1, words.size()));
        }
        StringBuilder options = new StringBuilder();
        StringBuilder operands = new StringBuilder();
        int count = 0;
        boolean all = false;
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "--json" -> option(options, verb, word, "--json", "plugins", "history", "events", "available",
                        "outdated", "info", "settings", "storage");
                case "--all" -> {
                    option(options, verb, word, "--all", "plugins", "update");
                    all = true;
                }
                case "--enable" -> option(options, verb, word, "--enable", "install");
                case "--dry-run", "-s", "--simulate" -> option(options, verb, word, "--simulate", "install", "enable",
                        "disable", "upgrade", "rollback", "remove", "update", "apply");
                case "--cascade" -> option(options, verb, word, "--cascade", "disable", "remove");
                case "--force" -> option(options, verb, word, "--force", "upgrade");
                case "--keep-data" -> option(options, verb, word, "--keep-data", "remove");
                case "--purge" -> option(options, verb, word, "--purge", "remove");
                case "-n" -> {
                    option(options, verb, word, "-n", "history");
                    if (i + 1 >= words.size()) {
                        throw new IllegalArgumentException("-n needs a number");
                    }
                    options.append(' ').append(number(words.get(++i)));
                }
                default -> {
                    if (word.length() > 1 && word.charAt(0) == '-') {
                        throw new IllegalArgumentException(verb + " has no option " + word);
                    }
                    operands.append(' ').append(quoted(word, i));
                    count++;
                }
            }
        }
        checkOperands(verb, count, all);
        if (verb.equals("rotate-key")) {
            return "settings:rotate-key";
        }
        return "plugin:" + (verb.equals("plugins") ? "list" : verb) + options + operands;
    }

    private static void checkOperands(String verb, int count, boolean all) {
        String wanted;
        switch (verb) {
            case "set" -> wanted = count >= 2 ? null : "a plugin id, a PID if it has several, and KEY=VALUE...";
            case "unset" -> wanted = count >= 2 ? null : "a plugin id, then a PID or keys";
            case "plugins", "history", "events", "outdated", "deploy-status", "rotate-key" -> wanted = count == 0 ? null
                    : "no arguments";
            case "available" -> wanted = null;
            case "storage" -> wanted = count <= 1 ? null : "at most a plugin id";
            case "export" -> wanted = count <= 1 ? null : "at most a file";
            case "upgrade" -> wanted = count == 2 ? null : "a plugin id and a jar";
            case "install" -> wanted = count >= 1 ? null : "a jar or a plugin id from a catalogue";
            case "remove" -> wanted = count >= 1 ? null : "a plugin id";
            case "apply" -> wanted = count == 1 ? null : "a plugin set file";
            case "update" -> wanted = all == (count == 0) && count <= 1 ? null : "a plugin id, or --all";
            default -> wanted = count == 1 ? null : "a plugin id";
        }
        if (wanted != null) {
            throw new IllegalArgumentException(verb + " takes " + wanted);
        }
    }

    private static void option(StringBuilder options, String verb, String word, String shellOption, String... verbs) {
        for (String allowed : verbs) {
            if (allowed.equals(verb)) {
                options.append(' ').append(shellOption);
                return;
            }
        }
        throw new IllegalArgumentException(verb + " has no option " + word);
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

    /**
     * The word as one Gogo argument: as it is when it holds only characters Gogo takes literally, else in single
     * quotes (which Gogo takes literally); a word holding a single quote or a control character cannot be passed,
     * and its refusal names its position (and a {@code key=value} word's key), never the word, which may be a secret.
     *
     * @param position the word's position on the command line, the verb being 0
     */
    static String quoted(String word, int position) {
        if (word.isBlank()) {
            throw new IllegalArgumentException("an empty word is not a plugin id, a file nor a value");
        }
        boolean plain = true;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '\'' || c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("cannot pass a word holding a single quote or a control "
                        + "character: " + described(word, position));
            }
            plain &= c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || ".-_/:@+,=".indexOf(c) >= 0;
        }
        return plain ? word : "'" + word + "'";
    }

    /** A word by its position, and by its key when it is a {@code key=value} whose key is a plain name. */
    private static String described(String word, int position) {
        int equals = word.indexOf('=');
        String key = equals > 0 ? word.substring(0, equals) : "";
        return "argument " + position + (key.matches("[A-Za-z0-9._-]{1,200}") ? " (the value of " + key + ")" : "");
    }
}
