package dev.plinth.settings.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import dev.plinth.api.settings.SettingRefusal;
import dev.plinth.api.settings.SettingsValidator;

/**
 * Finds the validators in the service registry. A validator that fails is a refusal: a check that cannot run does
 * not let a value through.
 */
final class ServiceValidators implements SettingsValidators {

    private final BundleContext context;

    ServiceValidators(BundleContext context) {
        this.context = context;
    }

    @Override
    public List<SettingRefusal> validate(Bundle bundle, String pid, Map<String, Object> values) {
        Collection<ServiceReference<SettingsValidator>> references;
        try {
            references = context.getServiceReferences(SettingsValidator.class, null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<SettingRefusal> refusals = new ArrayList<>();
        for (ServiceReference<SettingsValidator> reference : references) {
            if (reference.getBundle() == null || reference.getBundle().getBundleId() != bundle.getBundleId()) {
                continue;
            }
            SettingsValidator validator = context.getService(reference);
            if (validator == null) {
                continue;
            }
            try {
                List<SettingRefusal> found = validator.validate(pid, Map.copyOf(values));
                if (found != null) {
                    found.stream().filter(r -> r != null).forEach(refusals::add);
                }
            } catch (RuntimeException e) {
                refusals.add(new SettingRefusal(pid, null, "the plugin's validator failed: "
                        + e.getClass().getSimpleName()));
            } finally {
                context.ungetService(reference);
            }
        }
        return refusals;
    }
}
