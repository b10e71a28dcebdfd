package dev.plinth.fleet.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.fleet.Generation;

/**
 * The record of a generation's libraries: the first node that applies a generation writes the libraries its plugins
 * are wired to into the generation row (a conditional {@code UPDATE ... WHERE libraries IS NULL}, so one node's record
 * wins a race); every later node checks what it installed against that record.
 */
final class LibraryRecord {

    private LibraryRecord() {
    }

    /** Writes {@code libraries} as recorded by {@code node} unless a node did first; whether this one did. */
    static boolean write(Connection c, String group, long number, String node, Map<String, String> libraries)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + Schema.NAME + ".generation SET libraries = "
                + "?::jsonb, libraries_by = ? WHERE grp = ? AND number = ? AND libraries IS NULL")) {
            s.setString(1, Json.write(libraries));
            s.setString(2, node);
            s.setString(3, group);
            s.setLong(4, number);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * After this node applied {@code wanted}: records its libraries when no node has, else checks them against the
     * record (read again when another node recorded it meanwhile). Throws {@code CHECKSUM_MISMATCH} naming the library
     * and the node that recorded it.
     */
    static void settle(Connection c, String node, Generation wanted, List<PluginInfo> plugins)
            throws SQLException, PluginException {
        Generation recorded = wanted;
        if (recorded.librariesRecordedBy() == null) {
            if (write(c, wanted.group(), wanted.number(), node, LibraryCheck.wired(wanted.plugins(), plugins))) {
                return;
            }
            recorded = Generations.get(c, wanted.group(), wanted.number()).orElse(wanted);
        }
        LibraryCheck.afterApply(recorded, plugins);
    }
}
