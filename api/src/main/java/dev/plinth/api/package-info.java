/**
 * The Plinth API: what plugins, operator tools and embedding servers use to talk to Plinth.
 *
 * <p>This is the only package Plinth exports. It follows semantic versioning: a change that
 * breaks consumers raises the major version, an addition raises the minor version.
 */
@Export
@Version("0.3.0")
package dev.plinth.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
