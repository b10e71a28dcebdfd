package dev.plinth.shell.internal;

import java.util.Optional;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.plinth.api.catalog.Catalog;
import dev.plinth.api.catalog.CatalogEntry;

/**
 * When an operator types a command that is not installed but a catalogue plugin provides, says which plugin and how
 * to install it (before the shell's own "command not found").
 */
@Component(service = CommandSessionListener.class)
public final class CommandHint implements CommandSessionListener {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Catalog catalog;

    @Override
    public void beforeExecute(CommandSession session, CharSequence command) {
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Exception exception) {
        Catalog current = catalog;
        String missing = missingCommand(exception);
        if (current == null || missing == null) {
            return;
        }
        hint(current, missing).ifPresent(text -> session.getConsole().println(text));
    }

    /**
     * The command Gogo could not find, or {@code null}: read from the message of Gogo's own exception (by name, so
     * that shells that embed another Gogo runtime, as Karaf's does, need not export its package).
     */
    static String missingCommand(Exception exception) {
        if (exception == null || !exception.getClass().getSimpleName().equals("CommandNotFoundException")
                || exception.getMessage() == null) {
            return null;
        }
        String message = exception.getMessage();
        int colon = message.indexOf("not found: ");
        return colon < 0 ? null : message.substring(colon + "not found: ".length()).trim();
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Object result) {
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
