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

import dev.plinth.api.DeployDirectory;

/**
 * {@code plugin:deploy-status [--json]}: what the deploy directory did with each file. A Gogo {@link Function},
 * because a Java method cannot carry the command's name.
 */
@Component(service = Function.class, property = {
        "osgi.command.scope=plugin",
        "osgi.command.function=deploy-status" })
public final class DeployStatusCommand implements Function {

    static final String USAGE = "usage: plugin:deploy-status [--json]";

    private final PluginJson json;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DeployDirectory deployDirectory;

    @Activate
    public DeployStatusCommand() {
        this.json = new PluginJson();
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        boolean asJson = false;
        for (Object argument : arguments) {
            String text = String.valueOf(argument);
            if (text.equals("--json")) {
                asJson = true;
            } else if (text.equals("--help") || text.equals("-h")) {
                return USAGE + "\n  shows what the deploy directory did with each file (--json: as a JSON array)";
            } else {
                throw new CommandFailedException("unknown argument " + text + "; " + USAGE);
            }
        }
        DeployDirectory directory = deployDirectory;
        if (directory == null) {
            throw new CommandFailedException("no deploy directory is watched (the bundle dev.plinth.deploy is not "
                    + "running)");
        }
        DeployStatus status = new DeployStatus(directory.directory().toString(), directory.files());
        return asJson ? new JsonText(json.deployStatus(status)) : status;
    }
}
