package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class QueryTest {

    @Test
    void flagsAreTrueWhenPresentEmptyTrueOrOne() throws Exception {
        assertTrue(Query.parse("dryRun").flag("dryRun"));
        assertTrue(Query.parse("dryRun=").flag("dryRun"));
        assertTrue(Query.parse("dryRun=TRUE").flag("dryRun"));
        assertTrue(Query.parse("a=0&dryRun=1").flag("dryRun"));
        assertFalse(Query.parse("dryRun=false").flag("dryRun"));
        assertFalse(Query.parse(null).flag("dryRun"));
    }

    @Test
    void malformedOrRepeatedFlagsAreBadRequests() {
        ApiException maybe = assertThrows(ApiException.class, () -> Query.parse("cascade=maybe").flag("cascade"));
        assertEquals(400, maybe.problem().status());
        assertEquals("query parameter cascade must be true or false, not 'maybe'", maybe.getMessage());
        assertThrows(ApiException.class, () -> Query.parse("cascade&cascade=false").flag("cascade"));
    }

    @Test
    void unknownParametersAreRefusedSoThatAMisspeltDryRunDoesNotAct() throws Exception {
        ApiException e = assertThrows(ApiException.class,
                () -> Query.parse("dryrun=true").only(Set.of("dryRun", "cascade")));
        assertEquals("unknown query parameter dryrun; this endpoint takes cascade, dryRun", e.getMessage());
        Query.parse("cascade").only(Set.of("dryRun", "cascade"));
    }

    @Test
    void numbersAreBounded() throws Exception {
        assertEquals(50, Query.parse("").number("limit", 50, 1, 1000));
        assertEquals(7, Query.parse("limit=7").number("limit", 50, 1, 1000));
        assertThrows(ApiException.class, () -> Query.parse("limit=0").number("limit", 50, 1, 1000));
        assertThrows(ApiException.class, () -> Query.parse("limit=ten").number("limit", 50, 1, 1000));
    }

    @Test
    void valuesAreDecoded() throws Exception {
        assertEquals("my plugin.jar", Query.parse("filename=my%20plugin.jar").text("filename"));
        assertThrows(ApiException.class, () -> Query.parse("filename=%zz"));
    }
}
