package dev.plinth.shell.internal;

import java.util.Optional;

import org.apache.felix.gogo.runtime.CommandNotFoundException;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.plinth.api.catalog.Catalog;
import dev.plinth.api.catalog.CatalogEntry;

/**
 * Gogo's {@code default} command, which Gogo calls for a command it cannot find: when a catalogue plugin provides
 * the command, the answer is which plugin and how to install it (a {@link CommandAnsweredException}, so that
 * nothing else is printed); otherwise Gogo's own "command not found".
 */
@Component(service = Object.class, property = {
        "osgi.command.scope=plinth",
        "osgi.command.function=default" })
public final class CommandHint {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Catalog catalog;

    /** Gogo passes the command it could not find, then its arguments. */
    @Descriptor("answers a command that is not installed (called by the shell)")
    public Object _default(Object... words) throws Exception {
        String command = words.length == 0 ? "" : String.valueOf(words[0]);
        Catalog current = catalog;
        Optional<String> hint = current == null ? Optional.empty() : hint(current, command);
        if (hint.isPresent()) {
            throw new CommandAnsweredException(hint.get());
        }
        throw notFound(command);
    }

    private static Exception notFound(String command) {
        try {
            return new CommandNotFoundException(command);
        } catch (NoClassDefFoundError e) {
            return new IllegalArgumentException("Command not found: " + command);
        }
    }

    static Optional<String> hint(Catalog catalog, String command) {
        if (command == null || command.isBlank()) {
            return Optional.empty();
        }
        Optional<CatalogEntry> provider;
        try {
            provider = catalog.providerOf(command);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return provider.map(entry -> command + " is not installed. The catalogue plugin " + entry.id() + " "
                + entry.version() + " provides it: plugin:install " + entry.id() + " --enable");
    }
}
