package dev.plinth.itests;

import java.util.concurrent.CountDownLatch;

import dev.plinth.api.plugin.PluginContext;
import dev.plinth.api.plugin.PluginLifecycle;

/** A lifecycle hook that never finishes its first-install setup: copied into a test plugin to show the hook bound. */
public class SlowHook implements PluginLifecycle {

    @Override
    public void installed(PluginContext context) throws InterruptedException {
        new CountDownLatch(1).await();
    }
}
