package org.jvirt.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfFileTest {
    private final ConfFile conf = ConfFile.parse("""
            name = "vm1"
            count = 12
            big = 3000000000
            on = 1
            off = 0
            two = 2
            list = [ "a", "b" ]
            mixed = [ "a", 5 ]
            empty = []
            """, "qemu.conf");

    @Test
    void presentValuesAreReturnedAndAbsentOnesDefault() {
        assertThat(conf.getString("name", "x")).isEqualTo("vm1");
        assertThat(conf.getString("nope", "x")).isEqualTo("x");
        assertThat(conf.getInt("count", 0)).isEqualTo(12);
        assertThat(conf.getInt("nope", -3)).isEqualTo(-3);
        assertThat(conf.getLong("big", 0)).isEqualTo(3_000_000_000L);
        assertThat(conf.getLong("nope", 9)).isEqualTo(9);
        assertThat(conf.getBoolean("on", false)).isTrue();
        assertThat(conf.getBoolean("off", true)).isFalse();
        assertThat(conf.getBoolean("nope", true)).isTrue();
        assertThat(conf.getStringList("list", List.of())).containsExactly("a", "b");
        assertThat(conf.getStringList("empty", List.of("d"))).isEmpty();
        assertThat(conf.getStringList("nope", List.of("d"))).containsExactly("d");
        assertThat(conf.findString("nope")).isEmpty();
        assertThat(conf.findLong("count")).contains(12L);
    }

    @Test
    void entriesAndKeysKeepFileOrder() {
        assertThat(conf.keys()).containsExactly("name", "count", "big", "on", "off", "two", "list", "mixed", "empty");
        assertThat(conf.entries()).hasSize(9);
        assertThat(conf.entry("count").orElseThrow().line()).isEqualTo(2);
        assertThat(conf.contains("list")).isTrue();
        assertThat(conf.contains("List")).isFalse();
        assertThat(conf.fileName()).isEqualTo("qemu.conf");
        assertThatThrownBy(() -> conf.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void wrongTypesFailAtTheValuePosition() {
        assertThatThrownBy(() -> conf.getInt("name", 0)).isInstanceOf(ConfException.class)
                .hasMessage("qemu.conf:1:8: name must be an integer, got a string");
        assertThatThrownBy(() -> conf.getLong("list", 0))
                .hasMessage("qemu.conf:7:8: list must be an integer, got a list");
        assertThatThrownBy(() -> conf.getString("count", ""))
                .hasMessage("qemu.conf:2:9: count must be a string, got an integer");
        assertThatThrownBy(() -> conf.getBoolean("name", false))
                .hasMessage("qemu.conf:1:8: name must be 0 or 1, got a string");
        assertThatThrownBy(() -> conf.getBoolean("two", false))
                .hasMessage("qemu.conf:6:7: two must be 0 or 1, got 2");
        assertThatThrownBy(() -> conf.getStringList("name", List.of()))
                .hasMessage("qemu.conf:1:8: name must be a list of strings, got a string");
        assertThatThrownBy(() -> conf.getStringList("mixed", List.of()))
                .hasMessage("qemu.conf:8:16: mixed must be a list of strings, but item 2 is an integer");
        assertThatThrownBy(() -> conf.getInt("big", 0))
                .hasMessage("qemu.conf:3:7: big must be between -2147483648 and 2147483647, got 3000000000");
    }

    @Test
    void unknownKeysAreReported() {
        ConfFile f = ConfFile.parse("emulator = \"q\"\nemultaor = \"x\"\n", "qemu.conf");
        assertThatThrownBy(() -> f.requireKnownKeys(List.of("emulator", "user")))
                .hasMessage("qemu.conf:2:1: unknown key 'emultaor'; known keys: emulator, user");
        f.requireKnownKeys(List.of("emulator", "emultaor"));
    }

    @Test
    void checkValidatesEveryEntryAgainstASchema() {
        Map<String, ConfType> schema = Map.of("s", ConfType.STRING, "i", ConfType.INTEGER,
                "b", ConfType.BOOLEAN, "l", ConfType.STRING_LIST);
        ConfFile.parse("s = \"x\"\ni = -1\nb = 1\nl = [\"a\"]\n", "f").check(schema);
        ConfFile.parse("", "f").check(schema);
        assertThatThrownBy(() -> ConfFile.parse("s = 1", "f").check(schema))
                .hasMessage("f:1:5: s must be a string, got an integer");
        assertThatThrownBy(() -> ConfFile.parse("b = 5", "f").check(schema))
                .hasMessage("f:1:5: b must be 0 or 1, got 5");
        assertThatThrownBy(() -> ConfFile.parse("l = [1]", "f").check(schema))
                .hasMessage("f:1:6: l must be a list of strings, but item 1 is an integer");
        assertThatThrownBy(() -> ConfFile.parse("i = 1\nz = 1", "f").check(schema))
                .hasMessageStartingWith("f:2:1: unknown key 'z'");
    }

    @Test
    void ofRejectsDuplicateKeys() {
        ConfEntry a = new ConfEntry("a", new ConfValue.Int(1, 1, 5), 1, 1);
        ConfEntry a2 = new ConfEntry("a", new ConfValue.Int(2, 2, 5), 2, 1);
        assertThat(ConfFile.of("m", List.of(a)).getInt("a", 0)).isEqualTo(1);
        assertThatThrownBy(() -> ConfFile.of("m", List.of(a, a2))).isInstanceOf(ConfException.class)
                .hasMessage("m:2:1: duplicate key 'a'");
    }

    @Test
    void listsDoNotNest() {
        assertThatThrownBy(() -> new ConfValue.Lst(List.of(new ConfValue.Lst(List.of(), 1, 1)), 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
