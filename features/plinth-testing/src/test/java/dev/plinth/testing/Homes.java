package dev.plinth.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The homes of the test classes that ran in this JVM: each its own, the earlier ones deleted. */
final class Homes {

    private static final List<Path> SEEN = new ArrayList<>();

    private Homes() {
    }

    static synchronized void check(Path home) {
        assertTrue(Files.isDirectory(home), home + " exists while its class runs");
        if (!SEEN.contains(home)) {
            for (Path earlier : SEEN) {
                assertFalse(Files.exists(earlier), "the home of an earlier test class is left: " + earlier);
            }
            SEEN.add(home);
        }
    }
}
