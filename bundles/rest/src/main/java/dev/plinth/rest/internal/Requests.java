package dev.plinth.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/** What the endpoints check of a request: its method, its path segments, a plugin id, a small body. */
final class Requests {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]+");

    private Requests() {
    }

    static void requireGet(String method) throws ApiException {
        if (!method.equals("GET")) {
            throw notAllowed(method, "GET");
        }
    }

    static ApiException notAllowed(String method, String allowed) {
        return new ApiException(405, "METHOD_NOT_ALLOWED", method + " is not allowed here; use " + allowed);
    }

    static String id(String segment) throws ApiException {
        if (!ID.matcher(segment).matches()) {
            throw ApiException.badRequest("'" + segment + "' is not a plugin id (a bundle symbolic name)");
        }
        return segment;
    }

    static List<String> segments(String pathInfo) {
        if (pathInfo == null) {
            return List.of();
        }
        return Arrays.stream(pathInfo.split("/")).filter(segment -> !segment.isEmpty()).toList();
    }

    /** The request body as UTF-8 text; 413 when it is longer than {@code max} bytes. */
    static String body(HttpServletRequest request, int max) throws ApiException, IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new ApiException(413, "TOO_LARGE", "the body is larger than " + max + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
