package dev.plinth.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The settings of the REST API (PID {@code dev.plinth.rest}, e.g. {@code etc/dev.plinth.rest.cfg}). Where Jetty
 * listens is Felix HTTP's own configuration ({@code org.osgi.service.http.port}, {@code org.apache.felix.http.host}).
 */
@ObjectClassDefinition(name = "Plinth REST API",
        description = "The JSON management API: tokens, sessions, upload limit and event stream bounds.")
public @interface RestConfiguration {

    /** The configuration PID every component of this bundle reads. */
    String PID = "dev.plinth.rest";

    @AttributeDefinition(name = "Admin token file",
            description = "The file holding the admin token, created (owner-only) at the first start when missing; "
                    + "empty for rest/admin.token in the data directory.")
    String admin_token_file() default "";

    @AttributeDefinition(name = "Viewer tokens",
            description = "Bearer tokens that may only read (GET), each name=token, name=sha256:<hex> or a token "
                    + "alone (named viewer-<8 hex digits of its sha-256>). At least 16 characters each; shorter ones "
                    + "are ignored with a warning.")
    String[] viewer_tokens() default {};

    @AttributeDefinition(name = "Upload limit (bytes)",
            description = "The largest plugin archive POST /api/plugins and upgrade accept; larger ones get 413.")
    long max_upload_bytes() default 64L * 1024 * 1024;

    @AttributeDefinition(name = "Event stream clients",
            description = "How many clients may follow GET /api/events at once; more get 503.")
    int events_max_clients() default 16;

    @AttributeDefinition(name = "Event stream keep-alive (s)",
            description = "How often an idle event stream sends a comment, which also notices clients that left.")
    int events_keepalive_s() default 15;

    @AttributeDefinition(name = "Session idle time (minutes)",
            description = "A console session unused this long ends.")
    int session_idle_minutes() default 30;

    @AttributeDefinition(name = "Session lifetime (hours)",
            description = "A console session ends this long after its sign-in, however much it is used.")
    int session_max_hours() default 12;

    @AttributeDefinition(name = "Allowed host names",
            description = "Host names (host or host:port) the console may be reached by besides the address Plinth "
                    + "listens on and the loopback names, e.g. a TLS proxy's public name; a request of the console "
                    + "(sign-in, the session cookie) naming any other host is refused (DNS rebinding).")
    String[] allowed_hosts() default {};
}
