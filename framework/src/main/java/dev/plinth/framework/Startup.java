package dev.plinth.framework;

import java.time.Duration;
import java.util.List;

/**
 * What {@link Plinth#start()} reports once the framework is up.
 *
 * @param version the Plinth version
 * @param elapsed time from the start origin (the process start on the command line) to ready
 * @param bundles how many bundles the framework holds, the system bundle included
 * @param failures one line per boot bundle that did not start, with the reason; empty when all did
 */
public record Startup(String version, Duration elapsed, int bundles, List<String> failures) {

    public Startup {
        failures = List.copyOf(failures);
    }

    /** The same report, ready {@code later} than it said: what was still starting once {@code start()} returned. */
    public Startup readyLater(Duration later) {
        return new Startup(version, elapsed.plus(later), bundles, failures);
    }

    /** The line the launcher prints: {@code Plinth <version> ready in <N> ms (<M> bundles)}. */
    public String readyLine() {
        return "Plinth " + version + " ready in " + elapsed.toMillis() + " ms (" + bundles + " bundles)";
    }
}
