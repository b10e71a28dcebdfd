package dev.plinth.manager.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;

import dev.plinth.api.plugin.PluginContext;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.plugin.PluginLifecycle;

/**
 * Calls a plugin's {@link PluginLifecycle} hook, named by its {@value PluginLifecycle#HEADER} header, within
 * the hook time bound, and owns the plugins' data directories ({@code data/plugins/<id>}).
 */
final class LifecycleHooks {

    private final Path dataRoot;
    private final BoundedCalls calls;
    private final Duration bound;

    LifecycleHooks(Path dataRoot, BoundedCalls calls, Duration bound) {
        this.dataRoot = dataRoot;
        this.calls = calls;
        this.bound = bound;
    }

    /** The plugin's data directory, directly in {@code data/plugins}; refused for an id that would lead elsewhere. */
    Path dataDirectory(String id) throws IOException {
        return PluginIds.folder(dataRoot, id);
    }

    void installed(Bundle bundle) throws PluginException {
        call(bundle, "installed", hook -> hook.installed(context(bundle)));
    }

    void upgraded(Bundle bundle, String fromVersion) throws PluginException {
        call(bundle, "upgraded", hook -> hook.upgraded(context(bundle), fromVersion));
    }

    void removing(Bundle bundle) throws PluginException {
        call(bundle, "removing", hook -> hook.removing(context(bundle)));
    }

    void deleteData(String id) throws IOException {
        Path directory = dataDirectory(id);
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The hook's view of the plugin; its data directory exists before the first hook runs. */
    private PluginContext context(Bundle bundle) throws IOException {
        String id = FrameworkAccess.id(bundle);
        String version = bundle.getVersion().toString();
        Path directory = Files.createDirectories(dataDirectory(id));
        return new PluginContext() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String version() {
                return version;
            }

            @Override
            public Path dataDirectory() {
                return directory;
            }
        };
    }

    private interface HookCall {
        void call(PluginLifecycle hook) throws Exception;
    }

    private void call(Bundle bundle, String moment, HookCall call) throws PluginException {
        String className = bundle.getHeaders("").get(PluginLifecycle.HEADER);
        if (className == null || className.isBlank()) {
            return;
        }
        String id = FrameworkAccess.id(bundle);
        try {
            calls.run(id + "'s " + moment + " hook", bound, () -> {
                Object hook = bundle.loadClass(className.strip()).getConstructor().newInstance();
                if (!(hook instanceof PluginLifecycle lifecycle)) {
                    throw new IllegalStateException(className + " does not implement " + PluginLifecycle.class.getName());
                }
                call.call(lifecycle);
            });
        } catch (BoundedCalls.Overrun e) {
            throw new PluginException(Code.HOOK_FAILED, id + ": the " + moment + " hook did not finish within "
                    + e.boundMillis() + " ms (hook.timeout.ms)", List.of(), e);
        } catch (Exception e) {
            throw new PluginException(Code.HOOK_FAILED, id + ": the " + moment + " hook failed: " + describe(e),
                    List.of(), e);
        }
    }

    static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause
                && (cause instanceof java.lang.reflect.InvocationTargetException
                        || cause instanceof org.osgi.framework.BundleException)) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
