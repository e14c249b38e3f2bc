package org.jvirt.model;

import java.math.BigInteger;
import java.util.Locale;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * The memory units of libvirt domain XML. {@code KB, MB, ...} are powers of 1000; {@code k, KiB,
 * M, MiB, ...} powers of 1024; {@code b}/{@code bytes} are bytes. Sizes are integers as libvirt
 * reads them ({@link IntegerText}: leading blanks and a {@code +} are fine, a sign {@code -} is
 * not); they are converted to KiB, rounding up, and the byte count must fit in a signed 64-bit
 * integer.
 */
public enum MemoryUnit {
    BYTES(BigInteger.ONE, "b", "bytes"),
    KB(BigInteger.valueOf(1000), "KB"),
    KIB(BigInteger.valueOf(1024), "k", "K", "KiB"),
    MB(BigInteger.valueOf(1000).pow(2), "MB"),
    MIB(BigInteger.valueOf(1024).pow(2), "M", "MiB"),
    GB(BigInteger.valueOf(1000).pow(3), "GB"),
    GIB(BigInteger.valueOf(1024).pow(3), "G", "GiB"),
    TB(BigInteger.valueOf(1000).pow(4), "TB"),
    TIB(BigInteger.valueOf(1024).pow(4), "T", "TiB"),
    PB(BigInteger.valueOf(1000).pow(5), "PB"),
    PIB(BigInteger.valueOf(1024).pow(5), "P", "PiB"),
    EB(BigInteger.valueOf(1000).pow(6), "EB"),
    EIB(BigInteger.valueOf(1024).pow(6), "E", "EiB");

    /** Every accepted spelling, for messages. */
    public static final String SPELLINGS =
            "b, bytes, KB, k, KiB, MB, M, MiB, GB, G, GiB, TB, T, TiB, PB, P, PiB, EB, E, EiB";

    private static final BigInteger MAX_BYTES = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger KIB_BYTES = BigInteger.valueOf(1024);

    private final BigInteger bytes;

    MemoryUnit(BigInteger bytes, String... spellings) {
        this.bytes = bytes;
    }

    /** Bytes in one of this unit. */
    public BigInteger bytes() {
        return bytes;
    }

    /**
     * The unit for a spelling, or {@code null}. As in libvirt the match ignores case: a letter
     * alone or with {@code iB} is a power of 1024, with {@code B} a power of 1000.
     */
    public static MemoryUnit fromXml(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.equals("b") || w.equals("byte") || w.equals("bytes")) {
            return BYTES;
        }
        if (w.isEmpty()) {
            return null;
        }
        int power = "kmgtpe".indexOf(w.charAt(0));
        if (power < 0) {
            return null;
        }
        String rest = w.substring(1);
        boolean binary;
        if (rest.isEmpty() || rest.equals("ib")) {
            binary = true;
        } else if (rest.equals("b")) {
            binary = false;
        } else {
            return null;
        }
        return values()[1 + power * 2 + (binary ? 1 : 0)];
    }

    /**
     * {@code value unit} in KiB, rounded up. {@code unit == null} means KiB. Errors are
     * {@link ErrorCode#INVALID_MEMORY} naming {@code where}.
     */
    public static long toKiB(String value, String unit, String where) {
        MemoryUnit u = KIB;
        if (unit != null) {
            u = fromXml(unit);
            if (u == null) {
                throw error("%s: unknown memory unit '%s' (allowed: %s)", where, shorten(unit), SPELLINGS);
            }
        }
        if (value == null || value.isEmpty()) {
            throw error("%s: memory size is missing", where);
        }
        BigInteger number = IntegerText.parse(value);
        if (number == null) {
            throw error("%s: memory size '%s' is not a non-negative integer", where, shorten(value));
        }
        if (value.strip().startsWith("-")) {
            throw error("%s: memory size '%s' is negative", where, shorten(value));
        }
        if (number.bitLength() > 128) {
            throw overflow(where, value);
        }
        BigInteger total = number.multiply(u.bytes);
        if (total.compareTo(MAX_BYTES) > 0) {
            throw overflow(where, value);
        }
        BigInteger[] qr = total.divideAndRemainder(KIB_BYTES);
        long kib = qr[0].longValueExact();
        return qr[1].signum() == 0 ? kib : kib + 1;
    }

    private static VirtException overflow(String where, String value) {
        return error("%s: memory size '%s' is too large (at most %d bytes)", where, shorten(value), Long.MAX_VALUE);
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static VirtException error(String format, Object... args) {
        return VirtException.of(ErrorCode.INVALID_MEMORY, ErrorDomain.DOMAIN_CONF, format, args);
    }
}
