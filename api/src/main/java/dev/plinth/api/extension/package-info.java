/**
 * The extension SPI: how bundles that extend the plugin manager (the catalogue's pins, and later settings and
 * storage) take part in its operations without the manager depending on them, and offer it libraries
 * ({@link dev.plinth.api.extension.LibrarySource}).
 *
 * <p>Versioned on its own, like {@code dev.plinth.api}: an addition raises the minor version, a break the major.
 */
@Export
@Version("0.3.0")
package dev.plinth.api.extension;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
