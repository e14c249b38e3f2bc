package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNamesTest {

    private static VirtException rejected(String name) {
        try {
            DomainNames.check(name);
        } catch (VirtException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_NAME);
            assertThat(e.getMessage()).as("says what is allowed")
                    .contains("1 to 200 characters, without '/' or control characters, and is not '.' or '..'");
            return e;
        }
        throw new AssertionError("accepted '" + name + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "test", "vm-01_x.y", "...", ".hidden", "a b", "ünïcödé", "日本", "a..b", "-x"})
    void accepted(String name) {
        assertThat(DomainNames.check(name)).isEqualTo(name);
    }

    @Test
    void lengthLimitCountsCharacters() {
        assertThat(DomainNames.check("x".repeat(200))).hasSize(200);
        assertThat(rejected("x".repeat(201)).getMessage()).startsWith("domain name is 201 characters long: ");
        String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
        assertThat(DomainNames.check(emoji.repeat(200))).isNotNull();
        rejected(emoji.repeat(201));
    }

    @Test
    void emptyAndNull() {
        assertThat(rejected("").getMessage()).startsWith("domain name is empty: ");
        assertThat(rejected(null).getMessage()).startsWith("domain name is empty: ");
    }

    @Test
    void slash() {
        assertThat(rejected("../etc/passwd").getMessage()).startsWith("domain name '../etc/passwd' contains '/' at position 3");
        rejected("/");
        rejected("a/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\tb", "\u0000", "x\u007f", "x\u0085", "\r"})
    void controlCharacters(String name) {
        VirtException e = rejected(name);
        assertThat(e.getMessage()).startsWith("domain name contains the control character U+");
        assertThat(e.getMessage()).doesNotContain(name); // the raw name is not echoed
    }

    @Test
    void dotNames() {
        assertThat(rejected(".").getMessage()).startsWith("domain name '.' is reserved");
        assertThat(rejected("..").getMessage()).startsWith("domain name '..' is reserved");
    }
}
