package dev.plinth.common.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void padsColumnsToTheWidestCellAndLeavesNoTrailingBlanks() {
        String text = Table.withHeader("ID", "VERSION", "NAME")
                .row("a", "1.0.0", "Alpha")
                .row("longer-id", "2", null)
                .render();
        assertEquals("ID         VERSION  NAME\n"
                + "a          1.0.0    Alpha\n"
                + "longer-id  2", text);
    }

    @Test
    void indentedTablesHaveNoHeader() {
        assertEquals("  x    1\n  yyy  2", Table.indented("  ").row("x", 1).row("yyy", 2).render());
    }
}
