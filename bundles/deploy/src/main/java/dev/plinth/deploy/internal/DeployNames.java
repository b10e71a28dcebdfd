package dev.plinth.deploy.internal;

import java.util.List;
import java.util.Locale;

/** Which file names of the deploy directory are looked at: jars, without hidden and temporary names. */
final class DeployNames {

    private static final List<String> TEMPORARY_SUFFIXES = List.of(".tmp", ".part", ".crdownload", "~");

    private DeployNames() {
    }

    /** True for a name the directory deploys: {@code *.jar}, not hidden, not temporary. */
    static boolean deployable(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.startsWith(".") || TEMPORARY_SUFFIXES.stream().anyMatch(lower::endsWith)) {
            return false;
        }
        return lower.endsWith(".jar");
    }

    /** True when the name holds a control character (a line break, say) or a line or paragraph separator. */
    static boolean hasControlCharacter(String name) {
        return name.codePoints().anyMatch(DeployNames::control);
    }

    /**
     * The name as it may be logged and shown: control characters and separators written as {@code \n},
     * {@code \r}, {@code \t} or {@code \}{@code uXXXX}, and a backslash doubled, so that a name cannot start a
     * line of its own.
     */
    static String printable(String name) {
        StringBuilder text = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (control(c)) {
                        text.append(String.format("\\u%04x", c));
                    } else {
                        text.appendCodePoint(c);
                    }
                }
            }
        });
        return text.toString();
    }

    private static boolean control(int c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
