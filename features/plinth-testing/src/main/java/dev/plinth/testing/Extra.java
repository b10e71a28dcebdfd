package dev.plinth.testing;

import java.util.List;

/**
 * Boot bundles of the default distribution that a test runtime leaves out unless asked for with
 * {@link PlinthTest#with()} or {@link PlinthRuntime.Options#with(Extra...)}: a plugin's settings, storage, REST
 * routes and Gogo commands work without them, and the runtime is ready sooner. See docs/testing.md.
 */
public enum Extra {

    /** The interactive console: {@code org.apache.felix.gogo.jline} and JLine (Gogo's built-in and POSIX commands). */
    CONSOLE("org.apache.felix.gogo.jline", "jline"),
    /** The deploy directory ({@code dev.plinth.deploy}): plugins dropped into the home's {@code deploy/}. */
    DEPLOY("dev.plinth.deploy"),
    /** The plugin catalogues ({@code dev.plinth.catalog}): {@code catalog:*} commands and the catalogue routes. */
    CATALOG("dev.plinth.catalog");

    private final List<String> artifacts;

    Extra(String... artifacts) {
        this.artifacts = List.of(artifacts);
    }

    /** Whether a boot jar, by its file name ({@code <artifactId>-<version>.jar}), belongs to this extra. */
    public boolean holds(String jarName) {
        for (String artifact : artifacts) {
            if (jarName.startsWith(artifact + "-") && jarName.length() > artifact.length() + 1
                    && Character.isDigit(jarName.charAt(artifact.length() + 1))) {
                return true;
            }
        }
        return false;
    }
}
