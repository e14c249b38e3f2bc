package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.junit.jupiter.api.Test;

/**
 * Randomized properties of {@link CpuSet} against trivially correct reference models: a boolean
 * array for the set and its canonical text, and a regular expression plus a naive evaluator for
 * the grammar. Fixed seeds; every failure message carries the seed and the input.
 */
class CpuSetPropertyTest {
    private static final int LIMIT = CpuSet.XML_LIMIT;
    private static final String BLANKS = " \t\r\n";
    private static final String B = "[ \\t\\r\\n]*";
    /** item := num blank* | num blank* '-' blank* num blank* | '^' num blank* */
    private static final String ITEM = "(?:[0-9]+" + B + "(?:-" + B + "[0-9]+" + B + ")?|\\^[0-9]+" + B + ")";
    /** set := blank* item (',' blank* item)* [',' blank*] */
    private static final Pattern GRAMMAR_FULL = Pattern.compile(
            B + ITEM + "(?:," + B + ITEM + ")*(?:," + B + ")?");

    // ------------------------------------------------------------ reference model

    /** One generated item and its reference meaning. */
    private record Item(boolean exclude, int first, int last) {
    }

    private static boolean[] evaluate(List<Item> items) {
        boolean[] set = new boolean[LIMIT];
        for (Item it : items) {
            for (int i = it.first; i <= it.last; i++) {
                set[i] = !it.exclude;
            }
        }
        return set;
    }

    private static String referenceFormat(boolean[] set) {
        List<String> runs = new ArrayList<>();
        int i = 0;
        while (i < set.length) {
            if (!set[i]) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < set.length && set[j + 1]) {
                j++;
            }
            runs.add(j == i ? Integer.toString(i) : i + "-" + j);
            i = j + 1;
        }
        return String.join(",", runs);
    }

    private static boolean[] toArray(CpuSet s) {
        boolean[] a = new boolean[LIMIT];
        s.stream().forEach(i -> a[i] = true);
        return a;
    }

    // ------------------------------------------------------------ generators

    private static int number(Random r) {
        int k = r.nextInt(20);
        if (k == 0) {
            return LIMIT - 1 - r.nextInt(40);
        }
        if (k == 1) {
            return r.nextInt(LIMIT);
        }
        return r.nextInt(k < 10 ? 12 : 200);
    }

    private static String blanks(Random r) {
        if (r.nextInt(3) != 0) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            b.append(BLANKS.charAt(r.nextInt(BLANKS.length())));
        }
        return b.toString();
    }

    private static String digits(Random r, int n) {
        return "0".repeat(r.nextInt(8) == 0 ? 1 + r.nextInt(3) : 0) + n;
    }

    /** A valid text and the items it means, in order. */
    private static String generate(Random r, List<Item> items) {
        StringBuilder text = new StringBuilder(blanks(r));
        int count = 1 + r.nextInt(6);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(',').append(blanks(r));
            }
            int kind = r.nextInt(10);
            if (kind < 3) {
                int n = number(r);
                text.append('^').append(digits(r, n)).append(blanks(r));
                items.add(new Item(true, n, n));
            } else if (kind < 6) {
                int n = number(r);
                text.append(digits(r, n)).append(blanks(r));
                items.add(new Item(false, n, n));
            } else {
                int a = number(r);
                int b = Math.min(LIMIT - 1, a + r.nextInt(r.nextBoolean() ? 3 : 70));
                text.append(digits(r, a)).append(blanks(r)).append('-').append(blanks(r))
                        .append(digits(r, b)).append(blanks(r));
                items.add(new Item(false, a, b));
            }
        }
        if (r.nextInt(5) == 0) {
            text.append(',').append(blanks(r));
        }
        return text.toString();
    }

    private static CpuSet randomSet(Random r) {
        boolean[] a = new boolean[LIMIT];
        int runs = r.nextInt(8);
        for (int i = 0; i < runs; i++) {
            int start = number(r);
            int len = r.nextInt(5) == 0 ? 1 : 1 + r.nextInt(40);
            for (int j = start; j < Math.min(LIMIT, start + len); j++) {
                a[j] = true;
            }
        }
        java.util.BitSet b = new java.util.BitSet();
        for (int i = 0; i < LIMIT; i++) {
            if (a[i]) {
                b.set(i);
            }
        }
        return CpuSet.fromBits(b);
    }

    private static String show(String s) {
        return s.replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n");
    }

    // ------------------------------------------------------------ properties

    @Test
    void parseOfGeneratedTextMatchesTheReferenceEvaluation() {
        long seed = 0x5eed_c0de_0001L;
        Random r = new Random(seed);
        for (int round = 0; round < 5000; round++) {
            List<Item> items = new ArrayList<>();
            String text = generate(r, items);
            String context = "seed " + seed + ", round " + round + ", input '" + show(text) + "'";
            boolean[] expected = evaluate(items);
            String expectedText = referenceFormat(expected);
            try {
                CpuSet parsed = CpuSet.parse(text);
                assertThat(expectedText).as(context + ": reference says empty").isNotEmpty();
                assertThat(toArray(parsed)).as(context).isEqualTo(expected);
                assertThat(parsed.format()).as(context).isEqualTo(expectedText);
            } catch (VirtException e) {
                assertThat(expectedText).as(context + ": rejected with " + e.getMessage()).isEmpty();
                assertThat(e.code()).as(context).isEqualTo(ErrorCode.CPUSET_EMPTY);
            }
        }
    }

    @Test
    void formatIsCanonicalAndParsesBack() {
        long seed = 0x5eed_c0de_0002L;
        Random r = new Random(seed);
        for (int round = 0; round < 5000; round++) {
            CpuSet s = randomSet(r);
            String context = "seed " + seed + ", round " + round + ", set bits " + s.bits();
            String text = s.format();
            assertThat(text).as(context).isEqualTo(referenceFormat(toArray(s)));
            if (s.isEmpty()) {
                continue;
            }
            assertThat(CpuSet.parse(text)).as(context + ", text '" + text + "'").isEqualTo(s);
            assertThat(CpuSet.parse(text).format()).as(context).isEqualTo(text);
        }
    }

    @Test
    void algebraMatchesTheReference() {
        long seed = 0x5eed_c0de_0003L;
        Random r = new Random(seed);
        for (int round = 0; round < 2000; round++) {
            CpuSet a = randomSet(r);
            CpuSet b = randomSet(r);
            boolean[] x = toArray(a);
            boolean[] y = toArray(b);
            boolean[] or = new boolean[LIMIT];
            boolean[] and = new boolean[LIMIT];
            boolean[] diff = new boolean[LIMIT];
            boolean any = false;
            boolean sub = true;
            for (int i = 0; i < LIMIT; i++) {
                or[i] = x[i] || y[i];
                and[i] = x[i] && y[i];
                diff[i] = x[i] && !y[i];
                any |= and[i];
                sub &= !y[i] || x[i];
            }
            String context = "seed " + seed + ", round " + round + ", a='" + a + "', b='" + b + "'";
            assertThat(toArray(a.union(b))).as(context + " union").isEqualTo(or);
            assertThat(toArray(a.intersect(b))).as(context + " intersect").isEqualTo(and);
            assertThat(toArray(a.minus(b))).as(context + " minus").isEqualTo(diff);
            assertThat(a.intersects(b)).as(context + " intersects").isEqualTo(any);
            assertThat(a.containsAll(b)).as(context + " containsAll").isEqualTo(sub);
            assertThat(a.union(b).equals(b.union(a))).as(context).isTrue();
            assertThat(a.intersect(b).hashCode()).as(context).isEqualTo(b.intersect(a).hashCode());
        }
    }

    /**
     * Random strings over the grammar's alphabet plus a few intruders: the parser must accept
     * exactly what the regular expression and the naive evaluator accept, with the same result
     * and error category, and never throw anything but a VirtException.
     */
    @Test
    void fuzzAgreesWithRegexReference() {
        long seed = 0x5eed_c0de_0004L;
        Random r = new Random(seed);
        String alphabet = "0123456789,,,---^^  \t\n+x";
        int accepted = 0;
        for (int round = 0; round < 20000; round++) {
            int len = r.nextInt(12);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < len; i++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String text = b.toString();
            String context = "seed " + seed + ", round " + round + ", input '" + show(text) + "'";
            Object expected = reference(text);
            Object actual;
            try {
                actual = CpuSet.parse(text).format();
            } catch (VirtException e) {
                actual = e.code();
            } catch (RuntimeException e) {
                fail(context + ": threw " + e);
                return;
            }
            assertThat(actual).as(context).isEqualTo(expected);
            if (actual instanceof String) {
                accepted++;
            }
        }
        assertThat(accepted).as("the fuzzer must also produce valid inputs").isGreaterThan(500);
    }

    /** Canonical text, or the error category, by a regex and a naive evaluation. */
    private static Object reference(String text) {
        if (!GRAMMAR_FULL.matcher(text).matches()) {
            return ErrorCode.CPUSET_SYNTAX;
        }
        boolean[] set = new boolean[LIMIT];
        for (String raw : text.split(",")) {
            String item = raw.replaceAll("[ \\t\\r\\n]", "");
            if (item.isEmpty()) {
                continue; // only the trailing comma can leave an empty piece (the regex says so)
            }
            boolean exclude = item.startsWith("^");
            String[] ends = (exclude ? item.substring(1) : item).split("-");
            BigInteger first = new BigInteger(ends[0]);
            BigInteger last = new BigInteger(ends[ends.length - 1]);
            BigInteger limit = BigInteger.valueOf(LIMIT);
            if (first.compareTo(limit) >= 0 || last.compareTo(limit) >= 0 || first.compareTo(last) > 0) {
                return ErrorCode.CPUSET_SYNTAX;
            }
            for (int i = first.intValue(); i <= last.intValue(); i++) {
                set[i] = !exclude;
            }
        }
        String canonical = referenceFormat(set);
        return canonical.isEmpty() ? ErrorCode.CPUSET_EMPTY : canonical;
    }
}
