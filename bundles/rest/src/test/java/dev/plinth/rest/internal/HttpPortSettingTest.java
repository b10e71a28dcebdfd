package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Whether Felix HTTP, given a port, fell back to Jetty's default: as its own reading of the port decides. */
class HttpPortSettingTest {

    private static HttpPortSetting port(String port) {
        return new HttpPortSetting("127.0.0.1", port, "the configuration org.apache.felix.http");
    }

    @Test
    void valuesFelixHttpCannotReadOnJettysDefaultAreSaid() {
        for (String unreadable : new String[] {"abc", "", "1.5", "8080x", "-9999999999", "[9000,8000]"}) {
            assertTrue(port(unreadable).fellBack(8080).isPresent(), unreadable);
        }
        assertEquals(Optional.of("the HTTP server's port is \"abc\" (org.osgi.service.http.port, in the configuration "
                + "org.apache.felix.http), which Felix HTTP cannot read: it listens on Jetty's default, 8080, instead; "
                + "give a port number, * or 0 for any free port, or a range such as [8000,9000)"),
                port("abc").fellBack(8080));
    }

    @Test
    void portsThatMayBeJettysDefaultOrAreNotItAreNoFallBack() {
        for (String readable : new String[] {"8080", "+8080", "*", "0", "[8000,9000)", "[,]", "(8079,8081)",
                "[8080, 9000)"}) {
            assertFalse(port(readable).fellBack(8080).isPresent(), readable);
        }
        assertFalse(port("abc").fellBack(18181).isPresent(), "listening elsewhere: not Jetty's default");
        assertFalse(new HttpPortSetting(null, null, "the framework property").fellBack(8080).isPresent(),
                "no port given: Jetty's default is what was asked");
    }

    @Test
    void onlyANegativeNumberTurnsHttpOff() {
        assertTrue(port("-1").off());
        assertTrue(port("-8080").off());
        assertTrue(port("-0").off());
        assertTrue(port("+0").off());
        assertFalse(port("0").off());
        assertFalse(port("-9999999999").off());
        assertFalse(port("abc").off());
        assertFalse(port(null).off());
    }

    @Test
    void theAddressNamesWhatWasGiven() {
        assertEquals("127.0.0.1 port 9090", port("9090").address());
        assertEquals("127.0.0.1 port \"\"", port("").address());
        assertEquals("every interface port 8080", new HttpPortSetting(null, null, "x").address());
    }

    @Test
    void anArrayOfPortsIsNamedByItsElements() {
        assertEquals("{8181, 8182}", HttpPortSetting.text(new Long[] {8181L, 8182L}));
        assertTrue(port(HttpPortSetting.text(new String[] {"a", "b"})).fellBack(8080).isPresent(),
                "Felix HTTP cannot read an array");
        assertEquals("8181", HttpPortSetting.text(" 8181 "));
    }

    @Test
    void whyTheServerDoesNotListenSaysWhatFelixHttpTried() {
        assertEquals("the HTTP server does not listen on 127.0.0.1 port 9090: jetty could not open the port (in use?)",
                port("9090").notListening("jetty"));
        assertEquals("the HTTP server does not listen on 127.0.0.1 port 70000: jetty could not open the port (a port "
                + "is at most 65535)", port("70000").notListening("jetty"));
        assertEquals("the HTTP server does not listen: its port is \"abc\" (org.osgi.service.http.port, in the "
                + "configuration org.apache.felix.http), which Felix HTTP cannot read, and jetty could not open "
                + "Jetty's default, 8080, instead (in use?)", port("abc").notListening("jetty"));
    }
}
