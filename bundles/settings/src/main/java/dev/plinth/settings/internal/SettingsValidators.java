package dev.plinth.settings.internal;

import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;

import dev.plinth.api.settings.SettingRefusal;

/** The {@link dev.plinth.api.settings.SettingsValidator} services a plugin's bundle registers, called together. */
@FunctionalInterface
interface SettingsValidators {

    SettingsValidators NONE = (bundle, pid, values) -> List.of();

    /** The refusals of every validator of {@code bundle} for {@code values} (secrets left out). */
    List<SettingRefusal> validate(Bundle bundle, String pid, Map<String, Object> values);
}
