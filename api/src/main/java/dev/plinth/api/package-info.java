/**
 * The management API: what operator tools, front ends and embedding servers use to manage plugins (the
 * {@link dev.plinth.api.PluginManager} service, its plans, operations, events and errors, and the deploy
 * directory's view).
 * <p>Plinth's API is split by audience into packages versioned on their own: this one; the plugin author's SPI
 * ({@code dev.plinth.api.plugin}); the extension SPI for bundles that extend the manager
 * ({@code dev.plinth.api.extension}); and the services front ends build on ({@code dev.plinth.api.catalog}).
 * Each follows semantic versioning: a change that breaks consumers raises the major version, an addition the
 * minor version; the build baselines each against the last release.
 */
@Export
@Version("1.4.0")
package dev.plinth.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
