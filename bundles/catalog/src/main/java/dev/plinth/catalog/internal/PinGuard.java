package dev.plinth.catalog.internal;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.extension.OperationParticipant;

/**
 * Holds pinned plugins at their version on every path that changes one: an upgrade from the shell, the REST API,
 * the CLI or the deploy directory, and a rollback, are refused with {@code PINNED} in their plan; and drops the pin of
 * a plugin that is removed, so that it never holds the plugin's next life. Without the plugin manager, which calls it.
 */
@Component(service = OperationParticipant.class)
public final class PinGuard implements OperationParticipant {

    private final Pins pins;
    private final Logger log;

    @Activate
    public PinGuard(@Reference CatalogRepository repository, @Reference(service = LoggerFactory.class) Logger log) {
        this.pins = repository.pins();
        this.log = log;
    }

    @Override
    public void check(Plan plan) throws PluginException {
        List<Plan.Step> updates = plan.steps().stream().filter(s -> s.action() == Plan.Action.UPDATE).toList();
        if (updates.isEmpty()) {
            return;
        }
        Set<String> pinned = pins.pinned();
        for (Plan.Step update : updates) {
            if (pinned.contains(update.id())) {
                throw new PluginException(Code.PINNED, update.id() + " is pinned: its version does not change until "
                        + "plugin:unpin " + update.id() + " lifts the pin");
            }
        }
    }

    @Override
    public void committed(Plan plan) {
        Set<String> removed = plan.steps().stream().filter(s -> s.action() == Plan.Action.UNINSTALL)
                .map(Plan.Step::id).collect(Collectors.toSet());
        if (removed.isEmpty()) {
            return;
        }
        try {
            pins.update(pinned -> pinned.removeAll(removed));
        } catch (IOException e) {
            log.warn("the pins of the removed plugins {} cannot be dropped: {}", removed, e.getMessage());
        }
    }
}
