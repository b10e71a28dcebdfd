package dev.plinth.sample.versioned;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.plinth.api.plugin.PluginContext;
import dev.plinth.api.plugin.PluginLifecycle;

/**
 * The plugin's lifecycle hook (header {@code Plinth-Lifecycle}): leaves a file in the plugin's data
 * directory at each moment, so that one can see which moments were called and with what.
 */
public final class Migration implements PluginLifecycle {

    /** Writes {@code installed.txt}: the version installed. */
    @Override
    public void installed(PluginContext context) throws IOException {
        write(context, "installed.txt", context.version());
    }

    /** Writes {@code migrated.txt}: {@code FROM -> TO}. */
    @Override
    public void upgraded(PluginContext context, String fromVersion) throws IOException {
        write(context, "migrated.txt", fromVersion + " -> " + context.version());
    }

    /** Writes {@code removing.txt}: the version being removed. */
    @Override
    public void removing(PluginContext context) throws IOException {
        write(context, "removing.txt", context.version());
    }

    private static void write(PluginContext context, String fileName, String content) throws IOException {
        Path directory = Files.createDirectories(context.dataDirectory());
        Files.writeString(directory.resolve(fileName), content);
    }
}
