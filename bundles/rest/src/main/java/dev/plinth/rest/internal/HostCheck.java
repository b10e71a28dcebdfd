package dev.plinth.rest.internal;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Refuses console requests (signing in, the session cookie) whose {@code Host} names a host Plinth does not answer the
 * console by: a page of another site whose name was made to resolve to this machine (DNS rebinding) is its own origin
 * to the browser and could otherwise use the console's API from the operator's browser. Allowed: the address Plinth
 * listens on or a loopback name ({@code 127.0.0.1}, {@code localhost}, {@code [::1]}) with Plinth's port, and the
 * configured {@link AllowedHosts}.
 */
final class HostCheck {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "0:0:0:0:0:0:0:1");

    private HostCheck() {
    }

    /** Why the request's host is refused, or {@code null} when it is allowed. */
    static String refusal(HttpServletRequest request, AllowedHosts allowed) {
        String host = request.getServerName() == null ? "" : AllowedHosts.normal(request.getServerName());
        int port = request.getServerPort();
        String local = request.getLocalAddr() == null ? "" : AllowedHosts.normal(request.getLocalAddr());
        if ((LOOPBACK.contains(host) || host.equals(local)) && port == request.getLocalPort()
                || allowed.host(host, port)) {
            return null;
        }
        return "the request names host " + CsrfCheck.printable(host) + ":" + port + ", which is not the address "
                + "Plinth listens on, a loopback name with its port, nor one of allowed.hosts of dev.plinth.rest";
    }
}
