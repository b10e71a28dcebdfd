package dev.plinth.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command-line options {@code --name value} of the benchmark programs, with defaults. */
final class Options {

    /** {@code --only}: which benchmark the run is for; the others print that they were skipped. */
    static final String ONLY = "--only";

    private Options() {
    }

    static Map<String, String> parse(String[] args, Map<String, String> defaults) throws IOException {
        Map<String, String> options = new LinkedHashMap<>(defaults);
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!defaults.containsKey(args[i])) {
                throw new IOException("unknown option " + args[i] + "; known: " + defaults.keySet());
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    /** Whether the benchmark {@code name} is selected by {@code --only} (all, startup, deploy or rest). */
    static boolean selected(Map<String, String> options, String name) throws IOException {
        String only = options.getOrDefault(ONLY, "all").strip();
        if (!List.of("all", "startup", "deploy", "rest").contains(only)) {
            throw new IOException("bench.only (--only) is all, startup, deploy or rest, not '" + only + "'");
        }
        return only.equals("all") || only.equals(name);
    }
}
