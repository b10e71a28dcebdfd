/**
 * Greetings in a few languages: the package the greeter samples import from this library.
 */
@Export
@Version("1.0.0")
package dev.plinth.sample.greeting;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
