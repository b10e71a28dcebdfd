package dev.plinth.shell.internal;

import java.util.List;

import dev.plinth.api.catalog.Change;
import dev.plinth.common.table.Table;

/** The changes of a plugin set, numbered, one a line: what {@code plugin:apply} and the fleet's plans print. */
final class ChangeText {

    private static final String NONE = "-";

    private ChangeText() {
    }

    /** The changes as indented numbered lines: {@code 1. upgrade x 1.0.0 -> 2.0.0}. */
    static String steps(List<Change> changes) {
        Table table = Table.indented("  ");
        int number = 0;
        for (Change change : changes) {
            String versions = change.detail() != null ? change.detail()
                    : change.action() == Change.Action.UPGRADE ? change.from() + " -> " + change.to()
                    : orNone(change.to() != null ? change.to() : change.from());
            table.row(++number + ".", change.action().label(), change.id(), versions);
        }
        return table.render();
    }

    private static String orNone(String value) {
        return value == null || value.isEmpty() ? NONE : value;
    }
}
