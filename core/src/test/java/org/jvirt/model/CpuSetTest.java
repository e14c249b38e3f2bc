package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.BitSet;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CpuSet against docs/pinning.md#cpu-sets and conformance cases C5, C6, C16, C17. */
class CpuSetTest {

    private static String canon(String text) {
        return CpuSet.parse(text).format();
    }

    private static VirtException failure(String text) {
        try {
            CpuSet.parse(text, "vcpu cpuset");
        } catch (VirtException e) {
            return e;
        }
        throw new AssertionError("'" + text + "' was accepted");
    }

    // ------------------------------------------------------------ accepted syntax

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "0|0",
            "3|3",
            "0-3|0-3",
            "0,1|0-1",
            "1,0|0-1",
            "0-3,^2|0-1,3",
            "0-3,^2,8|0-1,3,8",
            "\" 0 - 3 , ^2 \"|0-1,3",
            "0-3,|0-3",
            "\"0-3, \"|0-3",
            "^2,0-3|0-3",
            "007|7",
            "0-007|0-7",
            "3-3|3",
            "0-1,1-2|0-2",
            "5,3,4|3-5",
            "0-7,^0,^7|1-6",
            "0-7,^3,3|0-7",
            "0,2,4,6|0,2,4,6",
            "0,^5|0",
            "\"\t0\r\n-\n3\t\"|0-3",
            "16383|16383",
            "16380-16383|16380-16383",
            "0-3,^2,^2|0-1,3",
    })
    void acceptedAndCanonical(String text, String expected) {
        assertThat(canon(text)).isEqualTo(expected);
    }

    @Test
    void c05_exclusionInsideVcpuCpuset() {
        assertThat(CpuSet.parse("0-3,^2")).isEqualTo(CpuSet.of(0, 1, 3));
        assertThat(CpuSet.parse("0-3,^2").format()).isEqualTo("0-1,3");
    }

    @Test
    void c06_blanksTrailingCommaEarlyExclusionLeadingZeros() {
        assertThat(canon(" 0 - 3 , ^2 ")).isEqualTo("0-1,3");
        assertThat(canon("0-3,")).isEqualTo("0-3");
        assertThat(canon("^2,0-3")).isEqualTo("0-3");
        assertThat(canon("007")).isEqualTo("7");
    }

    @Test
    void exclusionAppliesOnlyToWhatIsSetSoFar() {
        assertThat(canon("^2,0-3")).isEqualTo("0-3");
        assertThat(canon("0-3,^2")).isEqualTo("0-1,3");
        assertThat(canon("0-3,^2,2")).isEqualTo("0-3");
    }

    // ------------------------------------------------------------ syntax errors

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {
            "", " ", "\t\n", ",", ",0", "0,,1", "0,,", "0, ,1", "0-3,,",
            "0-7,^2-3", "^2-3", "^ 2", "^", "^,0", "0^2",
            "0-+3", "+3", "-1", "0--3", "0-", "0 -", "-", "3-1", "7-0",
            "0x3", "0x", "a", "0 1", "0-3 4", "1.5", "١", "0\f", "\u00a00",
            "0-3;", "0;1", "0,^", "0-3,^-2", "0-3^2",
    })
    void syntaxErrors(String text) {
        VirtException e = failure(text);
        assertThat(e.code()).as("'%s'", text).isEqualTo(ErrorCode.CPUSET_SYNTAX);
        assertThat(e.getMessage()).startsWith("vcpu cpuset: cannot parse CPU set '");
    }

    @Test
    void c17_limitAndSyntax() {
        assertThat(CpuSet.parse("16383")).isEqualTo(CpuSet.of(16383));
        for (String bad : new String[] {"16384", "3-1", "0-7,^2-3", "0,,1"}) {
            assertThat(failure(bad).code()).as(bad).isEqualTo(ErrorCode.CPUSET_SYNTAX);
        }
    }

    @Test
    void numberBeyondLimitNamesTheLimit() {
        VirtException e = failure("16384");
        assertThat(e.code()).isEqualTo(ErrorCode.CPUSET_SYNTAX);
        assertThat(e.getMessage()).isEqualTo("vcpu cpuset: CPU 16384 is beyond the supported limit 16383");
        assertThat(failure("0-16384").getMessage()).contains("CPU 16384 is beyond the supported limit 16383");
        assertThat(failure("0,^16384").getMessage()).contains("CPU 16384 is beyond the supported limit 16383");
        assertThat(failure("0016384").getMessage()).contains("CPU 16384 is beyond");
    }

    @Test
    void commandLimitIsApplied() {
        assertThat(CpuSet.parse("1023", "vcpupin", CpuSet.COMMAND_LIMIT)).isEqualTo(CpuSet.of(1023));
        assertThatThrownBy(() -> CpuSet.parse("1024", "vcpupin", CpuSet.COMMAND_LIMIT))
                .isInstanceOf(VirtException.class)
                .hasMessage("vcpupin: CPU 1024 is beyond the supported limit 1023");
    }

    @Test
    void hugeRangeIsRejectedWithoutAllocating() {
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        failure("0-2000000000"); // warm up the classes involved
        long t0 = System.nanoTime();
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        VirtException e = failure("0-2000000000");
        long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(e.code()).isEqualTo(ErrorCode.CPUSET_SYNTAX);
        assertThat(e.getMessage()).contains("CPU 2000000000 is beyond the supported limit 16383");
        // a bit set of 2e9 bits would be 250 MB; the limit bounds storage to 2 KiB
        assertThat(allocated).as("bytes allocated").isLessThan(64 * 1024);
        assertThat(millis).as("milliseconds").isLessThan(1000);
    }

    @Test
    void enormousNumbersAndLongInputsStayCheap() {
        String nines = "9".repeat(200_000);
        VirtException e = failure(nines);
        assertThat(e.getMessage()).contains("is beyond the supported limit 16383");
        assertThat(e.getMessage().length()).isLessThan(200);
        assertThat(CpuSet.parse("0".repeat(200_000) + "5")).isEqualTo(CpuSet.of(5));
        VirtException longSyntax = failure("0,".repeat(50_000) + ",");
        assertThat(longSyntax.getMessage().length()).isLessThan(300);
    }

    @Test
    void nullTextIsASyntaxError() {
        assertThat(failure(null).code()).isEqualTo(ErrorCode.CPUSET_SYNTAX);
    }

    // ------------------------------------------------------------ empty results

    @Test
    void c16_emptyResultVersusEmptyText() {
        VirtException empty = failure("0,^0");
        assertThat(empty.code()).isEqualTo(ErrorCode.CPUSET_EMPTY);
        assertThat(empty.getMessage()).isEqualTo("vcpu cpuset: CPU set '0,^0' selects no CPU");
        assertThat(failure("").code()).isEqualTo(ErrorCode.CPUSET_SYNTAX);
    }

    @Test
    void exclusionOfNothingIsEmpty() {
        assertThat(failure("^2").code()).isEqualTo(ErrorCode.CPUSET_EMPTY);
        assertThat(failure("0-2,^0,^1,^2").code()).isEqualTo(ErrorCode.CPUSET_EMPTY);
    }

    @Test
    void parseAllowingEmptyReturnsTheEmptySet() {
        assertThat(CpuSet.parseAllowingEmpty("0,^0", "x", CpuSet.XML_LIMIT)).isEqualTo(CpuSet.EMPTY);
        assertThatThrownBy(() -> CpuSet.parseAllowingEmpty("", "x", CpuSet.XML_LIMIT))
                .isInstanceOf(VirtException.class)
                .extracting(t -> ((VirtException) t).code()).isEqualTo(ErrorCode.CPUSET_SYNTAX);
    }

    @Test
    void defaultWhereIsCpuset() {
        assertThatThrownBy(() -> CpuSet.parse("x"))
                .hasMessageStartingWith("cpuset: cannot parse CPU set 'x'");
    }

    // ------------------------------------------------------------ factories, queries

    @Test
    void factories() {
        assertThat(CpuSet.of()).isEqualTo(CpuSet.EMPTY);
        assertThat(CpuSet.of(3, 1, 2, 3).format()).isEqualTo("1-3");
        assertThat(CpuSet.range(2, 5).format()).isEqualTo("2-5");
        assertThat(CpuSet.range(5, 2)).isEqualTo(CpuSet.EMPTY);
        assertThat(CpuSet.firstN(0)).isEqualTo(CpuSet.EMPTY);
        assertThat(CpuSet.firstN(8).format()).isEqualTo("0-7");
        BitSet b = new BitSet();
        b.set(64);
        b.set(130);
        assertThat(CpuSet.fromBits(b).format()).isEqualTo("64,130");
        assertThat(CpuSet.fromBits(new BitSet(1000))).isEqualTo(CpuSet.EMPTY);
        assertThatThrownBy(() -> CpuSet.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bitsAreACopy() {
        CpuSet s = CpuSet.of(1);
        s.bits().set(5);
        assertThat(s).isEqualTo(CpuSet.of(1));
    }

    @Test
    void queries() {
        CpuSet s = CpuSet.parse("1-3,64,200");
        assertThat(s.size()).isEqualTo(5);
        assertThat(s.first()).isEqualTo(1);
        assertThat(s.last()).isEqualTo(200);
        assertThat(s.contains(64)).isTrue();
        assertThat(s.contains(65)).isFalse();
        assertThat(s.contains(-1)).isFalse();
        assertThat(s.contains(Integer.MIN_VALUE)).isFalse();
        assertThat(s.contains(100_000)).isFalse();
        assertThat(s.stream().toArray()).containsExactly(1, 2, 3, 64, 200);
        assertThat(CpuSet.EMPTY.first()).isEqualTo(-1);
        assertThat(CpuSet.EMPTY.last()).isEqualTo(-1);
        assertThat(CpuSet.EMPTY.size()).isZero();
        assertThat(CpuSet.EMPTY.isEmpty()).isTrue();
        assertThat(s.isEmpty()).isFalse();
        int sum = 0;
        for (var it = s.iterator(); it.hasNext(); ) {
            sum += it.nextInt();
        }
        assertThat(sum).isEqualTo(270);
    }

    @Test
    void setAlgebra() {
        CpuSet a = CpuSet.parse("0-5");
        CpuSet b = CpuSet.parse("4-9");
        assertThat(a.union(b).format()).isEqualTo("0-9");
        assertThat(a.intersect(b).format()).isEqualTo("4-5");
        assertThat(a.minus(b).format()).isEqualTo("0-3");
        assertThat(b.minus(a).format()).isEqualTo("6-9");
        assertThat(a.intersects(b)).isTrue();
        assertThat(a.intersects(CpuSet.parse("6-7"))).isFalse();
        assertThat(a.containsAll(CpuSet.parse("1-2,5"))).isTrue();
        assertThat(a.containsAll(CpuSet.parse("5-6"))).isFalse();
        assertThat(a.containsAll(CpuSet.EMPTY)).isTrue();
        assertThat(CpuSet.EMPTY.containsAll(a)).isFalse();
        assertThat(a.minus(a)).isEqualTo(CpuSet.EMPTY).matches(CpuSet::isEmpty);
        assertThat(CpuSet.parse("6-9").below(8).format()).isEqualTo("6-7");
        assertThat(CpuSet.parse("6-9").below(0)).isEqualTo(CpuSet.EMPTY);
        // a high bit removed must give back a set equal to one built directly
        assertThat(CpuSet.parse("1,1000").minus(CpuSet.of(1000))).isEqualTo(CpuSet.of(1))
                .hasSameHashCodeAs(CpuSet.of(1));
    }

    @Test
    void equalityAndOrdering() {
        assertThat(CpuSet.parse("0,1,2")).isEqualTo(CpuSet.range(0, 2)).hasSameHashCodeAs(CpuSet.range(0, 2));
        assertThat(CpuSet.parse("0,1,2")).isNotEqualTo(CpuSet.range(0, 3)).isNotEqualTo("0-2");
        assertThat(CpuSet.of(1).compareTo(CpuSet.of(1))).isZero();
        assertThat(CpuSet.of(1).compareTo(CpuSet.of(2))).isNotZero();
        assertThat(CpuSet.parse("0-3,^2").toString()).isEqualTo("0-1,3");
    }

    @Test
    void yesNoMap() {
        assertThat(CpuSet.parse("1,3-4").toYesNoMap(6)).isEqualTo("-y-yy-");
        assertThat(CpuSet.parse("1,9").toYesNoMap(4)).isEqualTo("-y--");
        assertThat(CpuSet.of(0).toYesNoMap(0)).isEmpty();
        assertThat(CpuSet.of(0).toYesNoMap(-3)).isEmpty();
    }

    @Test
    void formatOfEmptyIsEmptyString() {
        assertThat(CpuSet.EMPTY.format()).isEmpty();
    }

    @Test
    void runsOfTwoAreRanges() {
        assertThat(CpuSet.of(0, 1).format()).isEqualTo("0-1");
        assertThat(CpuSet.of(0, 1, 3, 5, 6).format()).isEqualTo("0-1,3,5-6");
        assertThat(CpuSet.of(63, 64).format()).isEqualTo("63-64");
    }
}
