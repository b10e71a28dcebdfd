package dev.plinth.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command-line options {@code --name value} of the harness, with defaults. */
final class Options {

    /** {@code --only}: the sections to run, comma-separated, or {@code all}. */
    static final String ONLY = "--only";

    private Options() {
    }

    static Map<String, String> parse(String[] args, Map<String, String> defaults) throws IOException {
        Map<String, String> options = new LinkedHashMap<>(defaults);
        for (int i = 0; i < args.length; i += 2) {
            if (!defaults.containsKey(args[i])) {
                throw new IOException("unknown option " + args[i] + "; known: " + defaults.keySet());
            }
            if (i + 1 >= args.length) {
                throw new IOException("option " + args[i] + " has no value");
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    /** The sections {@code --only} selects, in the order of {@code known}. */
    static List<String> selected(Map<String, String> options, List<String> known) throws IOException {
        String only = options.getOrDefault(ONLY, "all").strip();
        if (only.equals("all")) {
            return known;
        }
        List<String> named = new ArrayList<>();
        for (String name : only.split(",")) {
            if (!known.contains(name.strip())) {
                throw new IOException("bench.only (--only) is all or a comma-separated list of " + known + ", not '"
                        + only + "'");
            }
            named.add(name.strip());
        }
        return known.stream().filter(named::contains).toList();
    }
}
