/**
 * The plugin author's SPI: what a plugin implements or reads to take part in its own life in Plinth. A lifecycle
 * hook ({@link dev.plinth.api.plugin.PluginLifecycle}, named by the {@code Plinth-Lifecycle} header) and its
 * context, the service property that contributes REST routes ({@link dev.plinth.api.plugin.PluginRoutes}), the
 * framework properties the launcher sets ({@link dev.plinth.api.plugin.PlinthProperties}) and the capability
 * namespaces that describe a plugin to catalogues ({@link dev.plinth.api.plugin.Namespaces}).
 * <p>Versioned on its own: an addition raises the minor version, a break the major.
 */
@Export
@Version("1.1.0")
package dev.plinth.api.plugin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
