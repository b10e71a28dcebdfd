package dev.plinth.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

    /**
     * 405 for {@code method}, naming the methods the path takes in its {@code Allow} header; {@code HEAD} goes with
     * every {@code GET}.
     */
    static ApiException notAllowed(String method, String... allowed) {
        List<String> methods = new ArrayList<>();
        for (String each : allowed) {
            methods.add(each);
            if (each.equals("GET")) {
                methods.add("HEAD");
            }
        }
        return ApiException.notAllowed(method, String.join(", ", methods));
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
    /**
     * Marks the answer to a refused request that came with a body the refusal did not read {@code Connection: close}:
     * the server drops such a connection after answering, and a client told so opens a new one for its next request
     * instead of sending it into the closed one.
     */
    static void closeUnread(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        if (!response.isCommitted()
                && (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null)) {
            response.setHeader("Connection", "close");
        }
    }

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
