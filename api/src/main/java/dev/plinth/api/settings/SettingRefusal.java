package dev.plinth.api.settings;

/**
 * Why one value is refused.
 *
 * @param pid the configuration's PID
 * @param key the key, or {@code null} when the refusal is about the configuration as a whole
 * @param reason why, in words an operator can act on (never the value of a secret)
 */
public record SettingRefusal(String pid, String key, String reason) {

    /** One line: {@code pid key: reason}. */
    public String line() {
        return pid + (key == null ? "" : " " + key) + ": " + reason;
    }
}
