package org.jvirt.model;

import java.util.UUID;

/**
 * A UUID as libvirt writes it: 32 lowercase hexadecimal digits grouped 8-4-4-4-12, as
 * {@link UUID#toString()} gives it. Written here because that method's first call on JDK 21 and
 * later sets up the JDK's byte-array views (method handles), a millisecond of a one-shot
 * command that saves a status file.
 */
public final class UuidText {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private UuidText() {
    }

    public static String of(UUID uuid) {
        char[] out = new char[36];
        long high = uuid.getMostSignificantBits();
        long low = uuid.getLeastSignificantBits();
        hex(high >>> 32, 8, out, 0);
        out[8] = '-';
        hex(high >>> 16, 4, out, 9);
        out[13] = '-';
        hex(high, 4, out, 14);
        out[18] = '-';
        hex(low >>> 48, 4, out, 19);
        out[23] = '-';
        hex(low, 12, out, 24);
        return new String(out);
    }

    /** The low {@code digits} hexadecimal digits of {@code value} into {@code out} from {@code at}. */
    private static void hex(long value, int digits, char[] out, int at) {
        for (int i = digits - 1; i >= 0; i--) {
            out[at + i] = DIGITS[(int) (value & 0xf)];
            value >>>= 4;
        }
    }
}
