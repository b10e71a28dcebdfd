package dev.plinth.shell.internal;

import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.plinth.api.settings.PluginSettings;

/**
 * {@code settings:rotate-key}: a new secret key, every stored secret re-encrypted with it. A Gogo {@link Function},
 * because a Java method cannot carry the command's name.
 */
@Component(service = Function.class, property = {
        "osgi.command.scope=settings",
        "osgi.command.function=rotate-key" })
public final class RotateKeyCommand implements Function {

    static final String USAGE = "usage: settings:rotate-key";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginSettings settings;

    @Activate
    public RotateKeyCommand() {
    }

    /** The command over {@code settings} ({@code null}: none), for tests. */
    RotateKeyCommand(PluginSettings settings) {
        this.settings = settings;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        for (Object argument : arguments) {
            String text = String.valueOf(argument);
            if (text.equals("--help") || text.equals("-h")) {
                return USAGE + "\n  creates a new secret key and re-encrypts every stored secret with it";
            }
            throw new CommandFailedException("unknown argument " + text + "; " + USAGE);
        }
        PluginSettings service = SettingsCommands.available(settings);
        return new SettingsViews.Rotated(Refusals.run(service::rotateKey));
    }
}
