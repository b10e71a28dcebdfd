package dev.plinth.fleet.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.plinth.api.PluginException;

/** A rollout's canary spec ({@code N}, {@code N%} or {@code 0}) and the nodes it picks. */
final class Canaries {

    private static final Pattern SPEC = Pattern.compile("(\\d{1,6})(%?)");

    private Canaries() {
    }

    /** Refuses a spec that is not a count, a share of at most 100% or 0. */
    static void check(String spec) {
        Matcher m = SPEC.matcher(spec == null ? "" : spec.strip());
        if (!m.matches() || (!m.group(2).isEmpty() && Integer.parseInt(m.group(1)) > 100)) {
            throw new IllegalArgumentException("canaries " + spec + " is neither a count (1), a share (20%) nor 0");
        }
    }

    /** {@link #check} as a refusal an operator sees. */
    static void checkInput(String spec) throws PluginException {
        try {
            check(spec);
        } catch (IllegalArgumentException e) {
            throw new PluginException(PluginException.Code.INVALID_INPUT, e.getMessage());
        }
    }

    /**
     * The canaries of a publish: the first N of the live nodes (sorted by name), or N% of them rounded up and at least
     * one; none for 0 or when no node is live.
     */
    static List<String> pick(String spec, List<String> liveNodes) {
        check(spec);
        Matcher m = SPEC.matcher(spec.strip());
        m.matches();
        int n = Integer.parseInt(m.group(1));
        List<String> sorted = liveNodes.stream().sorted().toList();
        if (n == 0 || sorted.isEmpty()) {
            return List.of();
        }
        int count = m.group(2).isEmpty() ? n : Math.max(1, (int) Math.ceil(sorted.size() * n / 100.0));
        return sorted.subList(0, Math.min(count, sorted.size()));
    }
}
