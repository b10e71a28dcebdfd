package dev.plinth.sample.blocking;

import java.util.concurrent.CountDownLatch;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * An activator whose start never returns on its own: it waits until its thread is interrupted, then
 * fails. It shows how a plugin that hangs at start is handled.
 */
public final class BlockingActivator implements BundleActivator {

    private final CountDownLatch never = new CountDownLatch(1);

    @Override
    public void start(BundleContext context) {
        try {
            never.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the sample activator was interrupted while blocking", e);
        }
    }

    @Override
    public void stop(BundleContext context) {
    }
}
