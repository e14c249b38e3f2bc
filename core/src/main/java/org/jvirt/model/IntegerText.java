package org.jvirt.model;

import java.math.BigInteger;

/**
 * Integers written the way libvirt reads them from domain XML (C's {@code strtol} in base 10):
 * blanks may come first, then an optional {@code +} or {@code -}, then decimal digits, and
 * nothing after them. So {@code " 4"}, {@code "+4"} and {@code "004"} are 4; {@code "4 "},
 * {@code "0x4"}, {@code "4.0"} and {@code ""} are not integers.
 */
public final class IntegerText {
    /** Longer texts are not taken apart (libvirt's own limits are 64 bits). */
    private static final int MAX_LENGTH = 4096;

    private IntegerText() {
    }

    /** The value of {@code text}, or {@code null} when it is not an integer in this syntax. */
    public static BigInteger parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return null;
        }
        int i = 0;
        while (i < text.length() && isBlank(text.charAt(i))) {
            i++;
        }
        int start = i;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int digits = i;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        if (i == digits || i != text.length()) {
            return null;
        }
        String number = text.substring(start);
        return new BigInteger(number.startsWith("+") ? number.substring(1) : number);
    }

    /** As {@link #parse}, but a sign {@code -} (even on 0) is not allowed, as for libvirt's unsigned values. */
    public static BigInteger parseUnsigned(String text) {
        BigInteger v = parse(text);
        return v == null || text.strip().startsWith("-") ? null : v;
    }

    /** C's {@code isspace} in the C locale. */
    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }
}
