package dev.plinth.framework.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that the program listening at the address of {@code data/rest/endpoint} is the runtime of this home before
 * the admin token is sent to it: a file left by a runtime that crashed may name a port another program holds now.
 * The client sends a fresh random nonce to {@code GET /api/identity}, which needs no token, and the runtime answers
 * {@code base64url(HMAC-SHA256(admin token, "plinth-identity-v1\n" + endpoint + "\n" + nonce))}: only a holder of
 * the token can compute it, and the endpoint in it is the runtime's own, so that a program cannot pass on the proof
 * of a runtime listening elsewhere.
 */
final class RuntimeIdentity {

    static final String PATH = "api/identity";

    private static final String LABEL = "plinth-identity-v1";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final int NONCE_BYTES = 24;

    private RuntimeIdentity() {
    }

    /**
     * Returns when the runtime at {@code endpoint} proves it holds {@code token}; throws {@link NotThisRuntime}
     * otherwise. Sends no {@code Authorization} header.
     */
    static void verify(HttpClient http, String endpoint, String token) throws IOException, InterruptedException {
        String nonce = nonce();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(endpoint).resolve(PATH + "?nonce="
                    + URLEncoder.encode(nonce, StandardCharsets.UTF_8))).timeout(TIMEOUT).GET().build(),
                    BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new NotThisRuntime(endpoint, "it did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (java.net.ConnectException e) {
            throw e;
        } catch (IOException e) {
            throw new NotThisRuntime(endpoint, "it does not speak HTTP as Plinth does (" + e.getMessage() + ")");
        }
        Object proof = null;
        if (response.statusCode() == 200) {
            try {
                if (JsonText.parse(response.body()) instanceof Map<?, ?> answer) {
                    proof = answer.get("proof");
                }
            } catch (IllegalArgumentException e) {
                // no proof
            }
        }
        if (!(proof instanceof String text) || !MessageDigest.isEqual(
                proof(token, endpoint, nonce).getBytes(StandardCharsets.US_ASCII),
                text.getBytes(StandardCharsets.UTF_8))) {
            throw new NotThisRuntime(endpoint, "it could not prove that it holds this home's admin token"
                    + " (answered " + response.statusCode() + ")");
        }
    }

    /** What the runtime at {@code endpoint} answers for {@code nonce}. */
    static String proof(String token, String endpoint, String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] proof = mac.doFinal((LABEL + "\n" + endpoint + "\n" + nonce).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(proof);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }

    private static String nonce() {
        byte[] random = new byte[NONCE_BYTES];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** The program at the endpoint is not this home's runtime: nothing was sent to it but the nonce. */
    static final class NotThisRuntime extends IOException {

        private static final long serialVersionUID = 1L;

        NotThisRuntime(String endpoint, String why) {
            super("the program listening at " + endpoint + " is not this Plinth runtime: " + why
                    + "; the admin token was not sent. data/rest/endpoint may be left from a runtime that crashed: "
                    + "restart Plinth (bin/plinth restart)");
        }
    }
}
