package org.jvirt.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.jvirt.cli.Jvirsh;

/** What Tab offers, word by word, with the domains {@code test} and {@code web}. */
class CompletionsTest {
    private final Completions completions = new Completions(Jvirsh.withDefaults((u, r) -> {
        throw new AssertionError("no connection");
    }).registry(), () -> List.of("test", "web"));

    private List<String> complete(String... words) {
        List<String> all = List.of(words);
        return completions.candidates(all.subList(0, all.size() - 1), all.get(all.size() - 1));
    }

    @Test
    void commandNames() {
        assertThat(complete("vcpu")).containsExactly("vcpucount", "vcpuinfo", "vcpupin");
        assertThat(complete("uri", ";", "host")).containsExactly("hostname");
        assertThat(complete("")).contains("list", "pinmap", "complete").hasSizeGreaterThan(30);
        assertThat(complete("nosuch", "")).isEmpty();
    }

    @Test
    void optionsNotYetGiven() {
        assertThat(complete("list", "--st")).containsExactly("--state-other", "--state-paused", "--state-running",
                "--state-shutoff");
        assertThat(complete("vcpupin", "test", "--live", "--c")).containsExactly("--config", "--cpulist",
                "--current");
        assertThat(complete("vcpupin", "--domain=test", "--d")).isEmpty();
    }

    @Test
    void valuesOfTheOptionBeingFilled() {
        assertThat(complete("dominfo", "")).contains("--domain", "test", "web");
        assertThat(complete("dominfo", "w")).containsExactly("web");
        assertThat(complete("vcpupin", "--vcpu", "1", "t")).containsExactly("test");
        assertThat(complete("dominfo", "test", "")).isEmpty();
        assertThat(complete("event", "--event", "li")).containsExactly("lifecycle");
        assertThat(complete("shutdown", "web", "a")).containsExactly("acpi", "agent");
        assertThat(complete("shutdown", "web", "--mode", "")).containsExactly("acpi", "agent", "initctl",
                "paravirt", "signal");
        assertThat(complete("help", "vcpupi")).containsExactly("vcpupin");
        assertThat(complete("help", "pin")).containsExactly("pincheck", "pinmap", "pinning");
        assertThat(complete("domxml-to-native", "q")).containsExactly("qemu-argv");
    }
}
