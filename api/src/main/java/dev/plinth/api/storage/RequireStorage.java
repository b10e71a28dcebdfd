package dev.plinth.api.storage;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Requirement;

/**
 * Asks for storage: put on any class of a plugin (its component, or {@code package-info.java}); bnd turns it into
 * the requirement {@code osgi.extender;filter:="(&(osgi.extender=plinth.storage)(version>=1.0)(!(version>=2.0)))"},
 * so the plugin does not resolve in a runtime without Plinth's storage, and Plinth gives it a database of its own.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
@Requirement(namespace = "osgi.extender", name = PluginStorage.EXTENDER, version = "1.0")
public @interface RequireStorage {
}
