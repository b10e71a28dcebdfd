package dev.plinth.config.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a file name in {@code etc/} says: the configuration it holds and in which format. For a
 * factory configuration, {@link #pid()} is {@code factoryPid~name}, the PID Configuration Admin
 * gives a named factory configuration.
 * {@code <pid>.cfg} holds the configuration {@code pid}; {@code <factoryPid>~<name>.cfg} the
 * factory configuration {@code name} of {@code factoryPid}. Hidden files, editors' backups and
 * files of any other extension are not configuration files. When several files hold one PID, the
 * first in {@link #PRECEDENCE} is applied.
 */
record ConfigFileName(String fileName, String pid, String factoryPid, String name, Format format) {

    enum Format {
        /** java.util.Properties: every value is a string. */
        PROPERTIES(".cfg"),
        /** Felix Configuration Admin's typed format: {@code key=I"42"}, {@code key=["a","b"]}. */
        TYPED(".config"),
        /** OSGi Configurator JSON for one configuration: {@code {"key:Integer": 42}}. */
        JSON(".cfg.json");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        String extension() {
            return extension;
        }
    }

    /**
     * Which file is applied when several hold the same PID: {@code .cfg.json}, then {@code .config}, then
     * {@code .cfg}.
     */
    static final List<Format> PRECEDENCE = List.of(Format.JSON, Format.TYPED, Format.PROPERTIES);

    /** The names a file of the configuration {@code pid} can have, in {@link #PRECEDENCE} order. */
    static List<ConfigFileName> candidates(String pid) {
        List<ConfigFileName> names = new ArrayList<>();
        for (Format format : PRECEDENCE) {
            parse(pid + format.extension()).filter(name -> name.pid().equals(pid)).ifPresent(names::add);
        }
        return names;
    }

    static Optional<ConfigFileName> parse(String fileName) {
        if (fileName.startsWith(".") || fileName.endsWith("~")) {
            return Optional.empty();
        }
        Format format = formatOf(fileName);
        if (format == null) {
            return Optional.empty();
        }
        String base = fileName.substring(0, fileName.length() - format.extension().length());
        if (base.isEmpty()) {
            return Optional.empty();
        }
        int tilde = base.indexOf('~');
        if (tilde < 0) {
            return Optional.of(new ConfigFileName(fileName, base, null, null, format));
        }
        String factoryPid = base.substring(0, tilde);
        String name = base.substring(tilde + 1);
        if (factoryPid.isEmpty() || name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ConfigFileName(fileName, base, factoryPid, name, format));
    }

    private static Format formatOf(String fileName) {
        if (fileName.endsWith(Format.JSON.extension())) {
            return Format.JSON;
        }
        if (fileName.endsWith(Format.TYPED.extension())) {
            return Format.TYPED;
        }
        if (fileName.endsWith(Format.PROPERTIES.extension())) {
            return Format.PROPERTIES;
        }
        return null;
    }

    boolean isFactory() {
        return factoryPid != null;
    }
}
