package dev.plinth.shell.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;

import dev.plinth.api.storage.StorageInfo;
import dev.plinth.common.table.Table;

/**
 * The text of a plugin's storage: the section {@code plugin:info} ends with and {@code plugin:storage ID} prints
 * (backend, location, size, schema version, who wrote it, the rollback point and the migrations applied), and the
 * table of {@code plugin:storage}.
 */
final class StorageText {

    private static final String NONE = "-";
    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("\\p{Cntrl}");

    private final Function<Instant, String> time;

    /** Text showing instants with {@code time}. */
    StorageText(Function<Instant, String> time) {
        this.time = time;
    }

    /** The storage section of {@code plugin:info}: empty when the plugin has none. */
    String section(StorageViews.Section section) {
        if (!section.installed()) {
            return "Storage: " + StorageViews.NOT_INSTALLED;
        }
        if (section.problem() != null) {
            return "Storage: cannot be read: " + section.problem();
        }
        return section.info() == null ? "" : storage(section.info());
    }

    /** One plugin's storage in full, under the heading {@code Storage:}. */
    String storage(StorageInfo info) {
        Table fields = Table.indented("  ")
                .row("Backend:", info.backend())
                .row("Location:", info.location())
                .row("Size:", size(info.sizeBytes()))
                .row("Schema version:", info.schemaVersion() == null ? "none (no migration applied)"
                        : info.schemaVersion())
                .row("Written by:", orNone(info.writtenBy()));
        if (info.kept()) {
            fields.row("Kept:", "yes: " + info.id() + " is removed; installing it again reattaches this data");
        }
        StorageInfo.RollbackPoint point = info.rollbackPoint();
        fields.row("Rollback point:", point == null ? "none" : "the data of " + point.fromVersion() + " (schema "
                + orNone(point.schemaVersion()) + ", " + size(point.sizeBytes()) + ", taken " + time.apply(point.taken())
                + ", before the upgrade to " + point.toVersion() + "); plugin:rollback " + info.id()
                + " restores it, writes since are lost");
        StringBuilder text = new StringBuilder("Storage:\n").append(fields.render());
        if (info.migrations().isEmpty()) {
            return text.append("\n  Migrations: none applied").toString();
        }
        Table migrations = Table.indented("    ").row("VERSION", "DESCRIPTION", "TYPE", "INSTALLED ON", "TIME");
        for (StorageInfo.AppliedMigration migration : info.migrations()) {
            migrations.row(printable(migration.version()), printable(orNone(migration.description())),
                    printable(migration.type()),
                    time.apply(migration.installedOn()), migration.executionMillis() + " ms");
        }
        return text.append("\n  Migrations:\n").append(migrations.render()).toString();
    }

    /** The table of {@code plugin:storage}. */
    String list(StorageViews.Storages storages) {
        if (storages.storages().isEmpty()) {
            return "No plugin has storage.";
        }
        Table table = Table.withHeader("ID", "BACKEND", "SIZE", "SCHEMA", "KEPT");
        for (StorageInfo info : storages.storages()) {
            table.row(info.id(), info.backend(), size(info.sizeBytes()), orNone(info.schemaVersion()),
                    info.kept() ? "yes (removed)" : "no");
        }
        return table.render();
    }

    /** A size in bytes as an operator reads it: {@code 512 B}, {@code 24.0 KiB}, {@code 3.2 MiB}. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = { "KiB", "MiB", "GiB", "TiB" };
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** {@code text} with each control character shown as {@code \\u} and four hexadecimal digits, never raw. */
    static String printable(String text) {
        return text == null ? null : CONTROL.matcher(text).replaceAll(match -> String.format("\\\\u%04x",
                (int) match.group().charAt(0)));
    }

    private static String orNone(String value) {
        return value == null || value.isEmpty() ? NONE : value;
    }
}
