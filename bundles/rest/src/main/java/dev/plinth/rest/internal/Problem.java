package dev.plinth.rest.internal;

import java.util.List;
import java.util.Locale;

import dev.plinth.api.PluginException;
import dev.plinth.api.settings.InvalidSettingsException;
import dev.plinth.api.settings.SettingRefusal;

/**
 * An error answer ({@code application/problem+json}): the HTTP status, a stable code (the manager's
 * {@link PluginException.Code} name, or one of this API's own such as {@code UNAUTHORIZED}), the one-line message
 * and further detail lines; for refused settings also each refusal (PID, key, reason).
 */
record Problem(int status, String code, String message, List<String> details, List<SettingRefusal> refusals) {

    Problem {
        details = List.copyOf(details);
        refusals = List.copyOf(refusals);
    }

    Problem(int status, String code, String message, List<String> details) {
        this(status, code, message, details, List.of());
    }

    static Problem of(int status, String code, String message) {
        return new Problem(status, code, message, List.of());
    }

    /** The manager's failure, with the status that fits its code (and the refusals of invalid settings). */
    static Problem of(PluginException failure) {
        return new Problem(status(failure.code()), failure.code().name(), failure.getMessage(), failure.details(),
                failure instanceof InvalidSettingsException invalid ? invalid.refusals() : List.of());
    }

    /** The problem type: a URN naming the code, since this API publishes no pages. */
    String type() {
        return "urn:plinth:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The status for each failure code of the manager. */
    static int status(PluginException.Code code) {
        return switch (code) {
            case NOT_FOUND -> 404;
            case DUPLICATE, HAS_DEPENDENTS, BUSY, PROTECTED, NO_PREVIOUS_VERSION, PINNED, SETTINGS_LOCKED,
                    SETTINGS_OWNED, STALE_GENERATION -> 409;
            case INVALID_ARCHIVE, UNRESOLVED, START_FAILED, CHECKSUM_MISMATCH, HOOK_FAILED, INCOMPATIBLE,
                    INVALID_SETTINGS, MIGRATION_FAILED -> 422;
            case INVALID_INPUT -> 400;
            case IO_ERROR -> 500;
            case FLEET_UNAVAILABLE -> 503;
        };
    }

    /** The reason phrase of the statuses this API answers with. */
    String title() {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
