package dev.plinth.deploy.internal;

import java.util.List;
import java.util.Locale;

/** Which file names of the deploy directory are looked at: jars, without hidden and temporary names. */
final class DeployNames {

    private static final List<String> TEMPORARY_SUFFIXES = List.of(".tmp", ".part", ".crdownload", "~");

    private DeployNames() {
    }

    /** True for a name the directory deploys: {@code *.jar}, not hidden, not temporary. */
    static boolean deployable(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.startsWith(".") || TEMPORARY_SUFFIXES.stream().anyMatch(lower::endsWith)) {
            return false;
        }
        return lower.endsWith(".jar");
    }
}
