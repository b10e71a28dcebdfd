package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CsrfCheckTest {

    @Test
    void theRequestsOwnOriginMatchesWithOrWithoutTheDefaultPort() {
        assertTrue(CsrfCheck.sameOrigin("http://127.0.0.1:8181", "http", "127.0.0.1", 8181));
        assertTrue(CsrfCheck.sameOrigin("HTTP://LocalHost:8181", "http", "localhost", 8181));
        assertTrue(CsrfCheck.sameOrigin("https://plinth.example.org", "https", "plinth.example.org", 443));
        assertTrue(CsrfCheck.sameOrigin("http://[::1]:8181", "http", "[::1]", 8181));
    }

    @Test
    void anyOtherOriginDoesNot() {
        assertFalse(CsrfCheck.sameOrigin("http://evil.example:8181", "http", "127.0.0.1", 8181));
        assertFalse(CsrfCheck.sameOrigin("http://127.0.0.1:8182", "http", "127.0.0.1", 8181));
        assertFalse(CsrfCheck.sameOrigin("https://127.0.0.1:8181", "http", "127.0.0.1", 8181));
        assertFalse(CsrfCheck.sameOrigin("http://127.0.0.1", "http", "127.0.0.1", 8181));
        assertFalse(CsrfCheck.sameOrigin("null", "http", "127.0.0.1", 8181));
        assertFalse(CsrfCheck.sameOrigin("http://127.0.0.1:8181/path", "http", "127.0.0.1", 8181));
        assertFalse(CsrfCheck.sameOrigin("http://u@127.0.0.1:8181", "http", "127.0.0.1", 8181));
        assertFalse(CsrfCheck.sameOrigin("http://127.0.0.1:8181 x", "http", "127.0.0.1", 8181));
    }
}
