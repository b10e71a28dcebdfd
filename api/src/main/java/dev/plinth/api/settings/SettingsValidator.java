package dev.plinth.api.settings;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A plugin's own rules across the keys of its settings, registered as an OSGi service by the plugin's bundle. It is
 * called before a change of one of the bundle's configurations is stored; a refusal is the change's failure.
 *
 * <p>Called with the values the configuration would have (typed as they would be delivered, secrets left out); be
 * quick and do not change anything.
 */
@ConsumerType
public interface SettingsValidator {

    /**
     * @param pid the configuration's PID ({@code factoryPid~name} for a factory configuration)
     * @param values the configuration as it would be delivered, secrets left out
     * @return the refusals, empty when the values are acceptable
     */
    List<SettingRefusal> validate(String pid, Map<String, Object> values);
}
