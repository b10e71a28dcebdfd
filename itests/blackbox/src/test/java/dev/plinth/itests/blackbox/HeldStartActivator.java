package dev.plinth.itests.blackbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Packed into test plugins: while the file {@value #HOLD} exists in the Plinth home, its start writes {@value #HELD}
 * there and waits until {@value #HOLD} is gone (at most a minute), so that a test can catch a runtime in the middle
 * of an operation. Without the file it starts at once.
 */
public final class HeldStartActivator implements BundleActivator {

    /** The file whose presence holds the start. */
    public static final String HOLD = "hold-start";
    /** The file written once the start is held. */
    public static final String HELD = "start-held";

    @Override
    public void start(BundleContext context) throws IOException, InterruptedException {
        Path home = Path.of(context.getProperty("plinth.home"));
        Path hold = home.resolve(HOLD);
        if (!Files.exists(hold)) {
            return;
        }
        Files.writeString(home.resolve(HELD), context.getBundle().getSymbolicName() + "\n");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (Files.exists(hold) && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
    }

    @Override
    public void stop(BundleContext context) {
        // nothing to release
    }
}
