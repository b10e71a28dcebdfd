/**
 * A fleet: many runtimes (nodes) that converge on one desired plugin set per group, held in a PostgreSQL database
 * and rolled out in waves. A runtime joins with {@code etc/dev.plinth.fleet.cfg.json}; without it the fleet bundle
 * does nothing and {@link dev.plinth.api.fleet.Fleet} is not registered.
 *
 * <p>Versioned on its own, like {@code dev.plinth.api}: an addition raises the minor version, a break the major.
 */
@Export
@Version("1.0.0")
package dev.plinth.api.fleet;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
