package dev.plinth.common;

/** Building OSGi (LDAP) filters from values that may hold the filter syntax's special characters. */
public final class LdapFilters {

    private LdapFilters() {
    }

    /** {@code value} with {@code \ * ( )} escaped, to stand as a value in a filter: {@code (key=<escaped>)}. */
    public static String escape(String value) {
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
