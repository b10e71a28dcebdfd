package dev.plinth.rest.internal;

/** Ends a request with a {@link Problem}: thrown where the request turns out to be unacceptable. */
final class ApiException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.problem = Problem.of(status, code, message);
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "BAD_REQUEST", message);
    }

    Problem problem() {
        return problem;
    }
}
