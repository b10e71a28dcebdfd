package dev.plinth.rest.internal;

/** Ends a request with a {@link Problem}: thrown where the request turns out to be unacceptable. */
final class ApiException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final String allow;

    ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    private ApiException(int status, String code, String message, String allow) {
        super(message, null, false, false);
        this.problem = Problem.of(status, code, message);
        this.allow = allow;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "BAD_REQUEST", message);
    }

    /** 405 with the {@code Allow} header {@code allow}: the methods the path takes. */
    static ApiException notAllowed(String method, String allow) {
        return new ApiException(405, "METHOD_NOT_ALLOWED", method + " is not allowed here; use " + allow, allow);
    }

    Problem problem() {
        return problem;
    }

    /** The methods the path takes, for the {@code Allow} header of a 405; {@code null} for other problems. */
    String allow() {
        return allow;
    }
}
