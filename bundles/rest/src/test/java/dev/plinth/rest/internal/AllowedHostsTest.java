package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class AllowedHostsTest {

    private final AllowedHosts allowed = AllowedHosts.parse(List.of("Plinth.Example.org", "ops.example.org:8443",
            " ", "[::2]:9000"));

    @Test
    void anEntryWithoutAPortAllowsTheNameOnAnyPortAndHttpsOn443() {
        assertTrue(allowed.host("plinth.example.org", 80));
        assertTrue(allowed.host("PLINTH.example.org", 8181));
        assertTrue(allowed.httpsOrigin("plinth.example.org", 443));
        assertFalse(allowed.httpsOrigin("plinth.example.org", 8443));
    }

    @Test
    void anEntryWithAPortAllowsThatPortOnly() {
        assertTrue(allowed.host("ops.example.org", 8443));
        assertFalse(allowed.host("ops.example.org", 443));
        assertTrue(allowed.httpsOrigin("ops.example.org", 8443));
        assertTrue(allowed.host("[::2]", 9000));
        assertFalse(allowed.host("attacker.example", 80));
        assertFalse(AllowedHosts.none().host("plinth.example.org", 80));
    }

    @Test
    void aMalformedEntryIsRefused() {
        for (String entry : List.of("https://plinth.example.org", "plinth.example.org/", "host:0", "host:70000",
                "a b", "-x.example")) {
            assertThrows(IllegalArgumentException.class, () -> AllowedHosts.parse(List.of(entry)), entry);
        }
    }
}
