/**
 * The extension SPI: how bundles that extend the plugin manager (the catalogue's pins, settings, and later storage)
 * take part in its operations without the manager depending on them ({@link dev.plinth.api.extension.OperationParticipant}
 * with its {@link dev.plinth.api.extension.OperationContext}), record their own changes in its history
 * ({@link dev.plinth.api.extension.OperationLog}), and offer it libraries
 * ({@link dev.plinth.api.extension.LibrarySource}).
 *
 * <p>Versioned on its own, like {@code dev.plinth.api}: an addition raises the minor version, a break the major.
 */
@Export
@Version("0.5.0")
package dev.plinth.api.extension;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
