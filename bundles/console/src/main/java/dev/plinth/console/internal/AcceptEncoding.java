package dev.plinth.console.internal;

import java.util.Locale;

/** Reads an {@code Accept-Encoding} header: whether the client takes gzip ({@code gzip} or {@code *} with q above 0). */
final class AcceptEncoding {

    private AcceptEncoding() {
    }

    /** Whether a header value allows a gzip-encoded answer. */
    static boolean allowsGzip(String header) {
        if (header == null) {
            return false;
        }
        boolean star = false;
        for (String part : header.split(",")) {
            String[] params = part.split(";");
            String coding = params[0].trim().toLowerCase(Locale.ROOT);
            boolean accepted = quality(params) > 0;
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                return accepted;
            }
            if (coding.equals("*")) {
                star = accepted;
            }
        }
        return star;
    }

    private static double quality(String[] params) {
        for (int i = 1; i < params.length; i++) {
            String param = params[i].trim();
            if (param.startsWith("q=") || param.startsWith("Q=")) {
                try {
                    return Double.parseDouble(param.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
