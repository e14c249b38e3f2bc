package org.jvirt.model;

import java.util.Arrays;
import java.util.BitSet;
import java.util.PrimitiveIterator;
import java.util.stream.IntStream;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * An immutable set of CPU (or NUMA node, vCPU, I/O thread) numbers with the syntax of
 * docs/pinning.md#cpu-sets: {@code 0-3,^2,8}, exclusions applied left to right, blanks allowed around
 * numbers and dashes, one trailing comma allowed.
 *
 * <p>Every number is checked against the limit <em>before</em> anything is stored, and storage
 * is a bit set bounded by that limit, so a hostile {@code 0-2000000000} costs nothing.
 */
public final class CpuSet implements Comparable<CpuSet> {
    /** Numbers must be below this in domain XML. */
    public static final int XML_LIMIT = 16384;
    /** Numbers must be below this in virsh pin commands. */
    public static final int COMMAND_LIMIT = 1024;

    public static final CpuSet EMPTY = new CpuSet(new long[0]);

    private final long[] words;

    private CpuSet(long[] words) {
        this.words = words;
    }

    // ---------------------------------------------------------------- factories

    /** Parses with the XML limit; {@code where} names the element/attribute for messages. */
    public static CpuSet parse(String text, String where) {
        return parse(text, where, XML_LIMIT);
    }

    /** Parses with the XML limit; messages say {@code cpuset}. */
    public static CpuSet parse(String text) {
        return parse(text, "cpuset", XML_LIMIT);
    }

    /**
     * Parses {@code text}; every number must be below {@code limit}. A syntax error is
     * {@link ErrorCode#CPUSET_SYNTAX}; a valid text that selects nothing is
     * {@link ErrorCode#CPUSET_EMPTY}.
     */
    public static CpuSet parse(String text, String where, int limit) {
        CpuSet set = parseAllowingEmpty(text, where, limit);
        if (set.isEmpty()) {
            throw VirtException.of(ErrorCode.CPUSET_EMPTY, ErrorDomain.DOMAIN_CONF,
                    "%s: CPU set '%s' selects no CPU", where, text);
        }
        return set;
    }

    /** As {@link #parse(String, String, int)} but an empty result is returned, not rejected. */
    public static CpuSet parseAllowingEmpty(String text, String where, int limit) {
        if (text == null) {
            throw syntax(where, "", "no text");
        }
        return new Parser(text, where, limit).parse();
    }

    public static CpuSet of(int... cpus) {
        BitSet b = new BitSet();
        for (int c : cpus) {
            checkNonNegative(c);
            b.set(c);
        }
        return fromBits(b);
    }

    /** {@code first..last} inclusive. */
    public static CpuSet range(int first, int last) {
        checkNonNegative(first);
        if (last < first) {
            return EMPTY;
        }
        BitSet b = new BitSet(last + 1);
        b.set(first, last + 1);
        return fromBits(b);
    }

    /** {@code 0..count-1}. */
    public static CpuSet firstN(int count) {
        return count <= 0 ? EMPTY : range(0, count - 1);
    }

    public static CpuSet fromBits(BitSet bits) {
        long[] w = bits.toLongArray();
        return w.length == 0 ? EMPTY : new CpuSet(w);
    }

    // ---------------------------------------------------------------- queries

    public boolean isEmpty() {
        return words.length == 0;
    }

    public boolean contains(int cpu) {
        int w = cpu >>> 6;
        return cpu >= 0 && w < words.length && (words[w] & (1L << cpu)) != 0;
    }

    public int size() {
        int n = 0;
        for (long w : words) {
            n += Long.bitCount(w);
        }
        return n;
    }

    /** Lowest member, or -1 when empty. */
    public int first() {
        return bits().nextSetBit(0);
    }

    /** Highest member, or -1 when empty. */
    public int last() {
        return isEmpty() ? -1 : bits().length() - 1;
    }

    public IntStream stream() {
        return bits().stream();
    }

    public PrimitiveIterator.OfInt iterator() {
        return stream().iterator();
    }

    public boolean containsAll(CpuSet other) {
        return other.minus(this).isEmpty();
    }

    public boolean intersects(CpuSet other) {
        return bits().intersects(other.bits());
    }

    // ---------------------------------------------------------------- algebra

    public CpuSet union(CpuSet other) {
        BitSet b = bits();
        b.or(other.bits());
        return fromBits(b);
    }

    public CpuSet intersect(CpuSet other) {
        BitSet b = bits();
        b.and(other.bits());
        return fromBits(b);
    }

    public CpuSet minus(CpuSet other) {
        BitSet b = bits();
        b.andNot(other.bits());
        return fromBits(b);
    }

    /** Members below {@code limit} only. */
    public CpuSet below(int limit) {
        return intersect(firstN(limit));
    }

    public BitSet bits() {
        return BitSet.valueOf(words);
    }

    // ---------------------------------------------------------------- format

    /**
     * Canonical text: ascending runs, runs of two or more as {@code a-b}, singles as {@code a},
     * joined by commas; the empty set is the empty string.
     */
    public String format() {
        StringBuilder out = new StringBuilder();
        BitSet b = bits();
        int start = b.nextSetBit(0);
        while (start >= 0) {
            int end = b.nextClearBit(start) - 1;
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(start);
            if (end > start) {
                out.append('-').append(end);
            }
            start = b.nextSetBit(end + 1);
        }
        return out.toString();
    }

    /** One character per CPU in {@code 0..width-1}: {@code y} when a member, else {@code -}. */
    public String toYesNoMap(int width) {
        StringBuilder out = new StringBuilder(Math.max(width, 0));
        for (int i = 0; i < width; i++) {
            out.append(contains(i) ? 'y' : '-');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return format();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpuSet other && Arrays.equals(words, other.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    @Override
    public int compareTo(CpuSet o) {
        return format().compareTo(o.format());
    }

    private static void checkNonNegative(int cpu) {
        if (cpu < 0) {
            throw new IllegalArgumentException("negative CPU number " + cpu);
        }
    }

    private static VirtException syntax(String where, String text, String detail) {
        return VirtException.of(ErrorCode.CPUSET_SYNTAX, ErrorDomain.DOMAIN_CONF,
                "%s: cannot parse CPU set '%s': %s", where, text, detail);
    }

    /** A one-pass scanner over the grammar of docs/pinning.md 3. */
    private static final class Parser {
        private final String text;
        private final String where;
        private final int limit;
        private final BitSet bits = new BitSet();
        private int pos;

        Parser(String text, String where, int limit) {
            this.text = text;
            this.where = where;
            this.limit = limit;
        }

        CpuSet parse() {
            skipBlanks();
            if (atEnd()) {
                throw error("it is empty");
            }
            while (true) {
                item();
                if (atEnd()) {
                    break;
                }
                expect(',');
                skipBlanks();
                if (atEnd()) {
                    break; // one trailing comma is fine
                }
            }
            return fromBits(bits);
        }

        private void item() {
            if (peek() == '^') {
                pos++;
                if (atEnd() || !isDigit(peek())) {
                    throw error("'^' must be followed directly by a number");
                }
                int n = number();
                skipBlanks();
                if (!atEnd() && peek() == '-') {
                    throw error("a range cannot be excluded with '^' (exclude single CPUs)");
                }
                bits.clear(n);
                return;
            }
            if (!isDigit(peek())) {
                throw error(peek() == ',' ? "empty item" : "expected a number");
            }
            int first = number();
            skipBlanks();
            if (!atEnd() && peek() == '-') {
                pos++;
                skipBlanks();
                if (atEnd() || !isDigit(peek())) {
                    throw error("expected the number ending the range");
                }
                int last = number();
                skipBlanks();
                if (last < first) {
                    throw error("range " + first + "-" + last + " ends before it starts");
                }
                bits.set(first, last + 1);
            } else {
                bits.set(first);
            }
        }

        /** Digits only; bounded before anything is stored, whatever the length of the text. */
        private int number() {
            int start = pos;
            long value = 0;
            boolean tooBig = false;
            while (!atEnd() && isDigit(peek())) {
                if (!tooBig) {
                    value = value * 10 + (peek() - '0');
                    tooBig = value >= limit;
                }
                pos++;
            }
            if (tooBig) {
                String digits = text.substring(start, pos).replaceFirst("^0+(?=\\d)", "");
                if (digits.length() > 24) {
                    digits = digits.substring(0, 24) + "...";
                }
                throw VirtException.of(ErrorCode.CPUSET_SYNTAX, ErrorDomain.DOMAIN_CONF,
                        "%s: CPU %s is beyond the supported limit %d", where, digits, limit - 1);
            }
            return (int) value;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("unexpected '" + printable(peek()) + "'");
            }
            pos++;
        }

        private void skipBlanks() {
            while (!atEnd()) {
                char c = peek();
                if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                    return;
                }
                pos++;
            }
        }

        private boolean atEnd() {
            return pos >= text.length();
        }

        private char peek() {
            return text.charAt(pos);
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static String printable(char c) {
            return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
        }

        private VirtException error(String detail) {
            String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
            return syntax(where, shown, detail + " at character " + (pos + 1));
        }
    }
}
