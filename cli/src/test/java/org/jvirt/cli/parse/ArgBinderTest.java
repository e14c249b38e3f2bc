package org.jvirt.cli.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.jvirt.cli.parse.OptionSpec.Kind;

class ArgBinderTest {
    private static final List<OptionSpec> VCPUPIN = List.of(
            OptionSpec.required("domain", Kind.STRING, "d"),
            OptionSpec.optional("vcpu", Kind.NUMBER, "v"),
            OptionSpec.optional("cpulist", Kind.STRING, "c"),
            OptionSpec.flag("live", "l"),
            OptionSpec.flag("config", "c"));
    private static final List<OptionSpec> ECHO = List.of(OptionSpec.flag("shell", "s"),
            OptionSpec.argv("string", "a"));

    private static ParsedCommand bind(List<OptionSpec> opts, String... words) {
        return ArgBinder.bind("cmd", opts, List.of(words));
    }

    @Test
    void positionalDataFillsOptionsInOrder() {
        ParsedCommand p = bind(VCPUPIN, "test", "1", "0-3", "--live");
        assertThat(p.value("domain")).hasValue("test");
        assertThat(p.value("vcpu")).hasValue("1");
        assertThat(p.value("cpulist")).hasValue("0-3");
        assertThat(p.flag("live")).isTrue();
        assertThat(p.flag("config")).isFalse();
    }

    @Test
    void namedFormsWithSpaceOrEquals() {
        ParsedCommand p = bind(VCPUPIN, "--vcpu=2", "--domain", "test", "--cpulist", "r");
        assertThat(p.values()).containsEntry("domain", "test").containsEntry("vcpu", "2").containsEntry("cpulist", "r");
    }

    @Test
    void namedOptionIsSkippedByLaterPositionalData() {
        ParsedCommand p = bind(VCPUPIN, "--vcpu", "1", "test", "0");
        assertThat(p.value("domain")).hasValue("test");
        assertThat(p.value("cpulist")).hasValue("0");
    }

    @Test
    void doubleDashMakesTheRestData() {
        ParsedCommand p = bind(ECHO, "--", "--shell", "x");
        assertThat(p.flag("shell")).isFalse();
        assertThat(p.argv()).containsExactly("--shell", "x");
    }

    @Test
    void singleDashWordsAreData() {
        assertThat(bind(VCPUPIN, "test", "-1").value("vcpu")).hasValue("-1");
    }

    @Test
    void errorsUseVirshWording() {
        assertThatThrownBy(() -> bind(VCPUPIN, "test", "--bogus"))
                .hasMessage("command 'cmd' doesn't support option --bogus");
        assertThatThrownBy(() -> bind(VCPUPIN, "test", "--bogus=1"))
                .hasMessage("command 'cmd' doesn't support option --bogus");
        assertThatThrownBy(() -> bind(VCPUPIN, "--live")).hasMessage("command 'cmd' requires <domain> option");
        assertThatThrownBy(() -> bind(VCPUPIN, "a", "1", "2", "3")).hasMessage("unexpected data '3'");
        assertThatThrownBy(() -> bind(VCPUPIN, "a", "--live", "--live")).hasMessage("option --live already seen");
        assertThatThrownBy(() -> bind(VCPUPIN, "a", "--vcpu")).hasMessage("expected syntax: --vcpu <number>");
        assertThatThrownBy(() -> bind(VCPUPIN, "a", "--live=1")).hasMessage("invalid '=' after option --live");
        assertThatThrownBy(() -> bind(ECHO, "a", "--string")).hasMessage("expected syntax: --string <string>");
    }

    @Test
    void theTrailingWordsMayBeNamedOneByOne() {
        assertThat(bind(ECHO, "--string", "a", "b", "--string=c", "--string", "--live").argv())
                .containsExactly("a", "b", "c", "--live");
    }

    @Test
    void aValueMayLookLikeAnOption() {
        assertThat(bind(VCPUPIN, "test", "--vcpu", "--live").value("vcpu")).hasValue("--live");
    }

    @Test
    void synopsisAndHelpLabels() {
        assertThat(VCPUPIN.stream().map(OptionSpec::synopsis).toList())
                .containsExactly("<domain>", "[--vcpu <number>]", "[--cpulist <string>]", "[--live]", "[--config]");
        assertThat(VCPUPIN.get(0).helpLabel()).isEqualTo("[--domain] <string>");
        assertThat(ECHO.get(1).synopsis()).isEqualTo("[<string>]...");
    }
}
