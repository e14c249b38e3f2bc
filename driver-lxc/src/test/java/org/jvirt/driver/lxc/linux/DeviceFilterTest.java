package org.jvirt.driver.lxc.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The device program's answers, by interpreting its instructions as the kernel does. */
class DeviceFilterTest {
    private static final List<String> CONTAINER = List.of("c 1:3 rwm", "c 1:5 rwm", "c 1:7 rwm", "c 1:8 rwm",
            "c 1:9 rwm", "c 5:0 rwm", "c 5:2 rwm", "c 10:229 rwm", "c 136:* rwm");

    @Test
    void theContainerListAllowsItsCharacterDevicesAndNothingElse() {
        assertThat(DeviceFilter.allows(CONTAINER, 'c', 1, 3, "rw")).isTrue();
        assertThat(DeviceFilter.allows(CONTAINER, 'c', 1, 3, "m")).isTrue();
        assertThat(DeviceFilter.allows(CONTAINER, 'c', 136, 42, "rw")).as("any pty").isTrue();
        assertThat(DeviceFilter.allows(CONTAINER, 'c', 1, 11, "w")).as("/dev/kmsg").isFalse();
        assertThat(DeviceFilter.allows(CONTAINER, 'b', 1, 3, "r")).as("a block device with char numbers").isFalse();
        assertThat(DeviceFilter.allows(CONTAINER, 'b', 8, 0, "m")).as("mknod of /dev/sda").isFalse();
        assertThat(DeviceFilter.allows(List.of(), 'c', 1, 3, "r")).as("an empty list denies all").isFalse();
    }

    @Test
    void accessAndWildcards() {
        List<String> rules = List.of("b 8:* r", "a *:* m", "c *:7 w");
        assertThat(DeviceFilter.allows(rules, 'b', 8, 16, "r")).isTrue();
        assertThat(DeviceFilter.allows(rules, 'b', 8, 16, "rw")).as("w not allowed").isFalse();
        assertThat(DeviceFilter.allows(rules, 'b', 9, 1, "m")).as("mknod of anything").isTrue();
        assertThat(DeviceFilter.allows(rules, 'c', 4, 7, "w")).isTrue();
        assertThat(DeviceFilter.allows(rules, 'c', 4, 7, "r")).isFalse();
    }

    /** Seeded random rules and accesses against a plain reading of the rules. */
    @Test
    void agreesWithTheRulesOnRandomAccesses() {
        Random rnd = new Random(20261206);
        for (int round = 0; round < 200; round++) {
            List<String> rules = new java.util.ArrayList<>();
            for (int i = rnd.nextInt(5); i > 0; i--) {
                rules.add("abc".charAt(rnd.nextInt(3)) + " " + (rnd.nextBoolean() ? "*" : rnd.nextInt(4)) + ":"
                        + (rnd.nextBoolean() ? "*" : rnd.nextInt(4)) + " " + access(rnd));
            }
            for (int k = 0; k < 20; k++) {
                char type = rnd.nextBoolean() ? 'b' : 'c';
                int major = rnd.nextInt(4);
                int minor = rnd.nextInt(4);
                String access = access(rnd);
                assertThat(DeviceFilter.allows(rules, type, major, minor, access))
                        .as("%s %s %d:%d %s", rules, type, major, minor, access)
                        .isEqualTo(expected(rules, type, major, minor, access));
            }
        }
    }

    private static String access(Random rnd) {
        String s = "";
        while (s.isEmpty()) {
            s = (rnd.nextBoolean() ? "r" : "") + (rnd.nextBoolean() ? "w" : "") + (rnd.nextBoolean() ? "m" : "");
        }
        return s;
    }

    private static boolean expected(List<String> rules, char type, int major, int minor, String access) {
        for (String r : rules) {
            String[] f = r.split("[ :]");
            boolean t = f[0].equals("a") || f[0].charAt(0) == type;
            boolean ma = f[1].equals("*") || Integer.parseInt(f[1]) == major;
            boolean mi = f[2].equals("*") || Integer.parseInt(f[2]) == minor;
            boolean acc = access.chars().allMatch(c -> f[3].indexOf(c) >= 0);
            if (t && ma && mi && acc) {
                return true;
            }
        }
        return false;
    }

    @Test
    void encodingIsEightBytesPerInstructionRegistersInTheRightNibbles() {
        byte[] p = DeviceFilter.program(List.of("c 1:3 rwm"));
        assertThat(p.length % 8).isZero();
        ByteBuffer b = ByteBuffer.wrap(p).order(ByteOrder.nativeOrder());
        assertThat(b.get(0) & 0xff).as("r2 = *(u32 *)(r1 + 0)").isEqualTo(0x61);
        assertThat(b.get(1) & 0xff).isEqualTo(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 0x12 : 0x21);
        assertThat(p[p.length - 8] & 0xff).as("exit").isEqualTo(0x95);
        assertThatThrownBy(() -> DeviceFilter.program(List.of("x 1:3 r"))).hasMessageContaining("invalid device rule");
    }
}
