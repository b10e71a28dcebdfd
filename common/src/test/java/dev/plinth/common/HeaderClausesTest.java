package dev.plinth.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class HeaderClausesTest {

    @Test
    void commasInsideQuotesDoNotSplit() {
        assertEquals(List.of("osgi.extender;filter:=\"(&(a=1)(b=2))\"", "osgi.ee;filter:=\"(osgi.ee=JavaSE)\""),
                HeaderClauses.split(" osgi.extender;filter:=\"(&(a=1)(b=2))\" ,osgi.ee;filter:=\"(osgi.ee=JavaSE)\""));
        assertEquals(List.of("a;version=\"[1,2)\"", "b"), HeaderClauses.split("a;version=\"[1,2)\",b"));
    }

    @Test
    void nothingGivesNoClause() {
        assertEquals(List.of(), HeaderClauses.split(null));
        assertEquals(List.of(), HeaderClauses.split(" , "));
    }
}
