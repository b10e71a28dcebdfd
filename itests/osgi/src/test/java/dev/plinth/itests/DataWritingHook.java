package dev.plinth.itests;

import java.io.IOException;
import java.nio.file.Files;

import dev.plinth.api.plugin.PluginContext;
import dev.plinth.api.plugin.PluginLifecycle;

/** A lifecycle hook that writes into its data directory as the docs allow, without creating it first. */
public class DataWritingHook implements PluginLifecycle {

    @Override
    public void installed(PluginContext context) throws IOException {
        Files.writeString(context.dataDirectory().resolve("installed.txt"), context.version());
    }

    @Override
    public void upgraded(PluginContext context, String fromVersion) throws IOException {
        Files.writeString(context.dataDirectory().resolve("upgraded.txt"), fromVersion + " -> " + context.version());
    }
}
