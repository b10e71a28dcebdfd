package dev.plinth.itests;

import java.util.Collections;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.ManagedService;

import dev.plinth.api.settings.SettingRefusal;
import dev.plinth.api.settings.SettingsValidator;

/**
 * Copied into test bundles: receives the configurations {@value #PID} and {@value #CORE_PID} as a plugin would, and
 * shows what it last received through a {@link Supplier} service with the property {@code received} naming the
 * PID; and offers a {@link SettingsValidator} that refuses a greeting of {@value #NOBODY} when the mode is
 * {@code safe} (a rule across two keys).
 */
public final class SettingsReceiverActivator implements BundleActivator {

    static final String PID = "test.settings";
    static final String CORE_PID = "dev.plinth.itest.core";
    static final String NOBODY = "nobody";

    @Override
    public void start(BundleContext context) {
        receive(context, PID);
        receive(context, CORE_PID);
        context.registerService(SettingsValidator.class, (pid, values) -> PID.equals(pid)
                && NOBODY.equals(values.get("greeting")) && "safe".equals(values.get("mode"))
                        ? List.of(new SettingRefusal(pid, "greeting", "greets nobody in safe mode"))
                        : List.of(), null);
    }

    private static void receive(BundleContext context, String pid) {
        Receiver receiver = new Receiver();
        context.registerService(ManagedService.class, receiver,
                FrameworkUtil.asDictionary(Map.of("service.pid", pid)));
        context.registerService(Supplier.class, receiver, FrameworkUtil.asDictionary(Map.of("received", pid)));
    }

    @Override
    public void stop(BundleContext context) {
    }

    /** Keeps the last configuration received (empty for none). */
    static final class Receiver implements ManagedService, Supplier<Map<String, Object>> {

        private volatile Map<String, Object> received = Map.of();

        @Override
        public void updated(Dictionary<String, ?> properties) {
            Map<String, Object> copy = new LinkedHashMap<>();
            if (properties != null) {
                for (String key : Collections.list(properties.keys())) {
                    copy.put(key, properties.get(key));
                }
            }
            received = Collections.unmodifiableMap(copy);
        }

        @Override
        public Map<String, Object> get() {
            return received;
        }
    }
}
