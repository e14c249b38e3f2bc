package org.jvirt.model;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * The rule for domain names: 1 to 200 characters, no {@code /}, no control character, and not
 * {@code .} or {@code ..}. Names become file and directory names (definitions, status, logs,
 * cgroups), so anything that could escape a directory or break a line is refused.
 */
public final class DomainNames {
    /** The longest name accepted, in characters (Unicode code points). */
    public static final int MAX_LENGTH = 200;

    private static final String ALLOWED =
            "a name has 1 to " + MAX_LENGTH + " characters, without '/' or control characters, and is not '.' or '..'";

    private DomainNames() {
    }

    /**
     * Returns {@code name} when it is acceptable.
     *
     * @throws VirtException {@link ErrorCode#INVALID_NAME} saying what is wrong and what is allowed
     */
    public static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw invalid("domain name is empty: " + ALLOWED);
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_LENGTH) {
            throw invalid("domain name is " + length + " characters long: " + ALLOWED);
        }
        for (int i = 0, pos = 1; i < name.length(); pos++) {
            int cp = name.codePointAt(i);
            if (Character.isISOControl(cp)) {
                throw invalid(String.format("domain name contains the control character U+%04X at position %d: %s",
                        cp, pos, ALLOWED));
            }
            if (cp == '/') {
                throw invalid("domain name '" + name + "' contains '/' at position " + pos + ": " + ALLOWED);
            }
            i += Character.charCount(cp);
        }
        if (name.equals(".") || name.equals("..")) {
            throw invalid("domain name '" + name + "' is reserved: " + ALLOWED);
        }
        return name;
    }

    private static VirtException invalid(String message) {
        return new VirtException(ErrorCode.INVALID_NAME, ErrorDomain.DOMAIN_CONF, message);
    }
}
