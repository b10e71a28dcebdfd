package dev.plinth.itests.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Packed into a test plugin: counts its starts in {@code data/flaky-starts} and fails while
 * {@code data/flaky-fails} exists.
 */
public final class FlakyStartActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) throws IOException {
        Path data = Path.of(context.getProperty("plinth.data"));
        Files.writeString(data.resolve("flaky-starts"), "start\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (Files.exists(data.resolve("flaky-fails"))) {
            throw new IllegalStateException("told to fail by flaky-fails");
        }
    }

    @Override
    public void stop(BundleContext context) {
        // nothing to undo
    }
}
