/**
 * Plugin settings: the Metatype-described configurations of a plugin's bundle, listed with their types, defaults,
 * effective values and where each value comes from; changed only after validation against the metatype and the
 * plugin's own {@link dev.plinth.api.settings.SettingsValidator}; secrets (attributes of type {@code PASSWORD})
 * stored encrypted and never shown.
 *
 * <p>Versioned on its own, like {@code dev.plinth.api}: an addition raises the minor version, a break the major.
 */
@Export
@Version("0.3.0")
package dev.plinth.api.settings;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
