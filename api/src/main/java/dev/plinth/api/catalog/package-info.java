/**
 * Plugin catalogues: installing plugins by name, seeing what is out of date, updating, pinning, and describing a
 * whole plugin set as a file that a runtime can be converged to.
 *
 * <p>Versioned on its own, like {@code dev.plinth.api}: an addition raises the minor version, a break the major.
 */
@Export
@Version("0.3.0")
package dev.plinth.api.catalog;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
