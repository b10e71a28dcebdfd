package dev.plinth.manager.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses OSGi manifest headers: comma-separated clauses of {@code ;}-separated names, attributes
 * ({@code name=value}, {@code name:Type=value}) and directives ({@code name:=value}), values optionally quoted.
 */
final class HeaderParser {

    /** One clause: its names (usually one), attributes with their declared types kept in the key, directives. */
    record Clause(List<String> names, Map<String, String> attributes, Map<String, String> directives) {
    }

    private final String text;
    private int position;

    private HeaderParser(String text) {
        this.text = text;
    }

    static List<Clause> parse(String header) {
        List<Clause> clauses = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return clauses;
        }
        HeaderParser parser = new HeaderParser(header);
        while (parser.position < parser.text.length()) {
            clauses.add(parser.clause());
            parser.skip(',');
        }
        return clauses;
    }

    private Clause clause() {
        List<String> names = new ArrayList<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        Map<String, String> directives = new LinkedHashMap<>();
        while (position < text.length() && text.charAt(position) != ',') {
            int start = position;
            String token = token();
            if (position < text.length() && text.charAt(position) == ':' && peek(1) == '=') {
                position += 2;
                directives.put(token, value());
            } else if (position < text.length() && (text.charAt(position) == '='
                    || text.charAt(position) == ':' && typedAttribute())) {
                String key = token;
                if (text.charAt(position) == ':') {
                    position++;
                    key = token + ":" + token();
                }
                position++;
                attributes.put(key, value());
            } else {
                String name = token + strayColonPart();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
            skip(';');
            if (position == start) {
                position++;
            }
        }
        return new Clause(names, attributes, directives);
    }

    /** A name's part from a colon that starts neither a directive nor a typed attribute ({@code a:b}) on. */
    private String strayColonPart() {
        if (position >= text.length() || text.charAt(position) != ':') {
            return "";
        }
        int end = indexOfAny(position);
        end = end < 0 ? text.length() : end;
        String part = text.substring(position, end).stripTrailing();
        position = end;
        return part;
    }

    /** Whether an {@code =} follows before the next separator (searched no further, so parsing stays linear). */
    private boolean typedAttribute() {
        int separator = indexOfAny(position + 1);
        int end = separator < 0 ? text.length() : separator;
        for (int i = position; i < end; i++) {
            if (text.charAt(i) == '=') {
                return true;
            }
        }
        return false;
    }

    private int indexOfAny(int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ';' || c == ',') {
                return i;
            }
        }
        return -1;
    }

    private char peek(int offset) {
        int index = position + offset;
        return index < text.length() ? text.charAt(index) : 0;
    }

    private String token() {
        skipSpace();
        int start = position;
        while (position < text.length() && ";,:=".indexOf(text.charAt(position)) < 0) {
            position++;
        }
        return text.substring(start, position).trim();
    }

    private String value() {
        skipSpace();
        if (position < text.length() && text.charAt(position) == '"') {
            StringBuilder value = new StringBuilder();
            position++;
            while (position < text.length() && text.charAt(position) != '"') {
                char c = text.charAt(position++);
                if (c == '\\' && position < text.length()) {
                    c = text.charAt(position++);
                }
                value.append(c);
            }
            position++;
            skipSpace();
            return value.toString();
        }
        int start = position;
        while (position < text.length() && text.charAt(position) != ';' && text.charAt(position) != ',') {
            position++;
        }
        return text.substring(start, position).trim();
    }

    private void skip(char separator) {
        skipSpace();
        if (position < text.length() && text.charAt(position) == separator) {
            position++;
        }
    }

    private void skipSpace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }
}
