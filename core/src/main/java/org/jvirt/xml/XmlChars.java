package org.jvirt.xml;

/** The characters of XML 1.0 that {@link PlainXmlReader} takes. */
final class XmlChars {
    private XmlChars() {
    }

    /** The character of {@code #N} or {@code #xH}, or -1. */
    static int charRef(String ref) {
        boolean hex = ref.startsWith("#x");
        String digits = ref.substring(Math.min(ref.length(), hex ? 2 : 1));
        if (!ref.startsWith("#") || digits.isEmpty() || digits.length() > 8) {
            return -1;
        }
        int cp = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), hex ? 16 : 10);
            if (d < 0) {
                return -1;
            }
            cp = cp * (hex ? 16 : 10) + d;
        }
        return isXmlChar(cp) ? cp : -1;
    }

    /** Whether XML 1.0 allows the character (a code point) in a document. */
    static boolean isXmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    /** XML's white space: space, tab, line feed, carriage return. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
