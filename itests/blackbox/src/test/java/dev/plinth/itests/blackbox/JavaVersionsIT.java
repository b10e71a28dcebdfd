package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The runtime on every JDK of 17 or later installed beside the one running the tests (or those listed
 * in PLINTH_IT_JAVA_HOMES, separated by ':'): it starts, runs commands and prints nothing but its own lines.
 */
class JavaVersionsIT {

    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    @TempDir
    Path unpacked;

    static List<Path> javaHomes() throws IOException {
        Set<Path> homes = new LinkedHashSet<>();
        String listed = System.getenv("PLINTH_IT_JAVA_HOMES");
        if (listed != null && !listed.isBlank()) {
            for (String home : listed.split(":")) {
                Path path = Path.of(home);
                if (major(path) < 17) {
                    throw new IllegalStateException("PLINTH_IT_JAVA_HOMES names " + home
                            + ", which is not a JDK 17 or later");
                }
                homes.add(path.toRealPath());
            }
            return new ArrayList<>(homes);
        }
        Path current = Path.of(System.getProperty("java.home")).toRealPath();
        homes.add(current);
        try (Stream<Path> siblings = Files.list(current.getParent())) {
            for (Path sibling : siblings.toList()) {
                if (major(sibling) >= 17) {
                    homes.add(sibling.toRealPath());
                }
            }
        }
        return new ArrayList<>(homes);
    }

    private static int major(Path home) throws IOException {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
            return -1;
        }
        Matcher version = VERSION.matcher(Files.readString(release));
        return version.find() ? Integer.parseInt(version.group(1)) : -1;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javaHomes")
    void runsCleanlyOn(Path javaHome) throws Exception {
        Plinth plinth = new Plinth(Distribution.unpack(unpacked)).env("JAVA_HOME", javaHome.toString());
        Plinth.Result exec = plinth.run(null, "exec", "lb -s");
        assertEquals(0, exec.exit(), exec.toString());
        assertTrue(exec.out().contains("org.apache.felix.gogo.jline"), exec.toString());
        List<String> stderr = exec.err().lines().filter(line -> !line.isBlank()).toList();
        assertEquals(1, stderr.size(), "only the ready line on standard error, no JVM warnings:\n" + exec);
        assertTrue(Plinth.READY.matcher(stderr.get(0)).matches(), exec.toString());

        Plinth.Result piped = plinth.run("lb -s\n");
        assertEquals(0, piped.exit(), piped.toString());
        assertTrue(piped.out().contains("org.apache.felix.scr"), piped.toString());
        assertFalse(piped.err().contains("WARNING"), piped.toString());
    }
}
