package dev.plinth.rest.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.HttpServiceRuntimeConstants;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/identity?nonce=N}, the one endpoint without a token: proves that this runtime holds the admin
 * token of its home without revealing it, so that {@code bin/plinth} checks whom it talks to before it sends the
 * token. The answer is {@code {"proof": base64url(HMAC-SHA256(admin token, "plinth-identity-v1\n" + endpoint +
 * "\n" + nonce))}}, where the endpoint is the address this runtime writes to {@code data/rest/endpoint}: a
 * program listening elsewhere cannot forge it, nor get it from this runtime for its own address. It says nothing
 * else.
 */
@Component(service = Servlet.class, configurationPid = RestConfiguration.PID, property = {
    "osgi.http.whiteboard.servlet.name=plinth-identity",
    "osgi.http.whiteboard.servlet.pattern=" + EndpointProof.PATH})
public final class EndpointProof extends HttpServlet {

    /** The request URI {@link Authentication} lets through without a token. */
    static final String PATH = "/api/identity";

    private static final long serialVersionUID = 1L;
    private static final String LABEL = "plinth-identity-v1";
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    private final transient Responses responses;
    private final transient String endpoint;
    private final transient byte[] key;

    @Activate
    public EndpointProof(BundleContext context, RestConfiguration config,
            @Reference(service = HttpServiceRuntime.class) Map<String, Object> runtime,
            @Reference Authentication tokens) throws IOException {
        this.responses = new Responses(new Json());
        List<String> endpoints = RouteRules.strings(runtime.get(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT));
        this.endpoint = endpoints.isEmpty() ? "" : endpoints.get(0);
        this.key = new AdminTokenFile(Authentication.adminFile(context, config)).readOrCreate()
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HeadAsGet.serve(request, response, this::answer);
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Requests.requireGet(request.getMethod());
            String nonce = Query.parse(request.getQueryString()).only(Set.of("nonce")).text("nonce");
            if (nonce == null || !NONCE.matcher(nonce).matches()) {
                throw ApiException.badRequest("nonce must be 16 to 128 letters, digits, '-' or '_'");
            }
            if (endpoint.isEmpty()) {
                throw new ApiException(503, "NO_ENDPOINT", "the HTTP server names no endpoint");
            }
            responses.send(response, 200, new Proof(proof(key, endpoint, nonce)));
        } catch (ApiException e) {
            if (e.allow() != null) {
                response.setHeader("Allow", e.allow());
            }
            responses.problem(response, e.problem());
        }
    }

    /** The answer: {@code {"proof": "..."}}. */
    record Proof(String proof) {
    }

    /** The proof for {@code nonce} at {@code endpoint}, keyed with the admin token. */
    static String proof(byte[] token, String endpoint, String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token, "HmacSHA256"));
            byte[] proof = mac.doFinal((LABEL + "\n" + endpoint + "\n" + nonce).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(proof);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }
}
