package dev.plinth.rest.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A request's query parameters, read from the query string only (never from a body, which may be an upload):
 * boolean flags and bounded numbers, refused with 400 when malformed or unknown.
 */
final class Query {

    private final Map<String, List<String>> parameters;

    private Query(Map<String, List<String>> parameters) {
        this.parameters = parameters;
    }

    /** Parses a raw query string ({@code null}: none). */
    static Query parse(String queryString) throws ApiException {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (queryString != null && !queryString.isEmpty()) {
            for (String pair : queryString.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            }
        }
        return new Query(parameters);
    }

    /**
     * The flag's value: {@code true} for {@code ?name}, {@code ?name=true} or {@code ?name=1}; {@code false} when
     * absent or {@code false}/{@code 0}; a 400 otherwise.
     */
    boolean flag(String name) throws ApiException {
        String value = single(name);
        if (value == null) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "", "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiException.badRequest(
                    "query parameter " + name + " must be true or false, not '" + value + "'");
        };
    }

    /** A whole number between {@code min} and {@code max}, {@code fallback} when absent; a 400 otherwise. */
    int number(String name, int fallback, int min, int max) throws ApiException {
        String value = single(name);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest("query parameter " + name + " must be a whole number from " + min + " to "
                + max + ", not '" + value + "'");
    }

    /** The parameter's value, or {@code null} when absent. */
    String text(String name) throws ApiException {
        return single(name);
    }

    /** Refuses parameters the endpoint does not know: a misspelt {@code dryrun} must not act for real. */
    Query only(Set<String> known) throws ApiException {
        for (String name : parameters.keySet()) {
            if (!known.contains(name)) {
                throw ApiException.badRequest("unknown query parameter " + name + (known.isEmpty()
                        ? "; this endpoint takes none"
                        : "; this endpoint takes " + String.join(", ", known.stream().sorted().toList())));
            }
        }
        return this;
    }

    private String single(String name) throws ApiException {
        List<String> values = parameters.get(name);
        if (values == null) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.badRequest("query parameter " + name + " is given " + values.size() + " times");
        }
        return values.get(0);
    }

    private static String decode(String text) throws ApiException {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed query string: " + e.getMessage());
        }
    }
}
