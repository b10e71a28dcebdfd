package dev.plinth.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import dev.plinth.api.DeployDirectory;
import dev.plinth.api.Options;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginManager;

/** Test access to the plugin manager of the runtime under test, and to what an operator would look at. */
public final class Plugins {

    public static final Duration BOUND = Duration.ofSeconds(20);
    public static final Options OPTIONS = Options.DEFAULT.withOrigin("test");

    private final BundleContext context;

    public Plugins(BundleContext context) {
        this.context = context;
    }

    public PluginManager manager() {
        return service(PluginManager.class);
    }

    public DeployDirectory deployDirectory() {
        return service(DeployDirectory.class);
    }

    private <T> T service(Class<T> type) {
        return Await.until(type.getSimpleName() + " service", BOUND, () -> {
            ServiceReference<T> reference = context.getServiceReference(type);
            return reference == null ? null : context.getService(reference);
        });
    }

    /** The framework bundle of a managed plugin or library, or null. */
    public Bundle bundle(String id) {
        return context.getBundle("plinth:managed/" + id);
    }

    public int state(String id) {
        Bundle bundle = bundle(id);
        return bundle == null ? Bundle.UNINSTALLED : bundle.getState();
    }

    public PluginInfo info(String id) throws PluginException {
        return manager().get(id);
    }

    /** Runs a Gogo program as the shell would and returns what it returned, as text. */
    public String command(String program) throws Exception {
        CommandProcessor processor = service(CommandProcessor.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
                CommandSession session = processor.createSession(System.in, print, print)) {
            Object result = session.execute(program);
            if (result != null) {
                print.print(session.format(result, org.apache.felix.service.command.Converter.INSPECT));
            }
        }
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    public Path data() {
        return Path.of(context.getProperty("plinth.data"));
    }

    public Path store() {
        return data().resolve("manager");
    }

    /** Deletes every file of the deploy directory and waits until the directory reports none. */
    public void emptyDeployDirectory() throws IOException {
        DeployDirectory deploy = deployDirectory();
        try (var files = Files.list(deploy.directory())) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Await.until("the deploy directory reports no files", BOUND, () -> deploy.files().isEmpty());
    }

    /** Removes every plugin (with its dependents and libraries), so that each test starts from none. */
    public void removeAll() throws PluginException {
        for (PluginInfo plugin : manager().plugins()) {
            if (manager().find(plugin.id()).isPresent()) {
                try {
                    manager().remove(plugin.id(), OPTIONS.withCascade(true));
                } catch (PluginException e) {
                    if (e.code() != PluginException.Code.NOT_FOUND) {
                        throw e;
                    }
                }
            }
        }
        for (PluginInfo library : manager().libraries()) {
            manager().remove(library.id(), OPTIONS.withCascade(true));
        }
    }
}
