package dev.plinth.api;

import java.util.List;

/**
 * The resolver's view of one bundle, in words: why it resolves or what it misses.
 *
 * @param id the plugin id
 * @param version its version
 * @param resolved true when the framework has wired it
 * @param problems one sentence per unmet requirement, naming plugins and libraries rather than bundle
 *        ids; empty when resolved
 */
public record Diagnosis(String id, String version, boolean resolved, List<String> problems) {

    public Diagnosis {
        problems = List.copyOf(problems);
    }
}
