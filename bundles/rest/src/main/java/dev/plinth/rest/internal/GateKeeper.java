package dev.plinth.rest.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Gives the {@link StoppedGate} the {@link Authentication} while it runs, and closes the gate when it goes away. */
@Component(service = {}, immediate = true)
public final class GateKeeper {

    private final StoppedGate gate;

    @Activate
    public GateKeeper(BundleContext context, @Reference Authentication authentication) {
        this.gate = StoppedGate.of(context);
        gate.open(authentication);
    }

    @Deactivate
    void close() {
        gate.close();
    }
}
