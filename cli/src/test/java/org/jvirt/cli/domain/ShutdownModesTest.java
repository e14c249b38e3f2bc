package org.jvirt.cli.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.jvirt.cli.command.CommandFailure;

/** {@code --mode}: virsh's parsing, and each driver's one way of asking the guest. */
class ShutdownModesTest {
    @Test
    void modesAreParsedAsVirshParsesThem() {
        assertThat(ShutdownModes.parse(Optional.empty(), "shutdown")).isEmpty();
        assertThat(ShutdownModes.parse(Optional.of("acpi,signal,acpi"), "shutdown")).containsExactly("acpi", "signal");
        assertThatThrownBy(() -> ShutdownModes.parse(Optional.of("acpi,"), "shutdown"))
                .hasMessage("Unknown mode  value, expecting 'acpi', 'agent', 'initctl', 'signal', or 'paravirt'");
        assertThatThrownBy(() -> ShutdownModes.parse(Optional.of(""), "reboot"))
                .hasMessage("Failed to get option 'mode': Option argument is empty");
    }

    @Test
    void eachDriverHasOneWay() {
        assertThatCode(() -> ShutdownModes.check(Set.of("agent", "acpi"), "shutdown", "QEMU", "f"))
                .doesNotThrowAnyException();
        assertThatCode(() -> ShutdownModes.check(Set.of("signal"), "reboot", "LXC", "f")).doesNotThrowAnyException();
        assertThatCode(() -> ShutdownModes.check(Set.of("paravirt"), "reboot", "TEST", "f")).doesNotThrowAnyException();
        assertThatCode(() -> ShutdownModes.check(Set.of(), "shutdown", "QEMU", "f")).doesNotThrowAnyException();
        assertThatThrownBy(() -> ShutdownModes.check(new LinkedHashSet<>(List.of("initctl", "agent")), "shutdown", "QEMU",
                "Failed to shutdown domain 'web'"))
                .isInstanceOfSatisfying(CommandFailure.class, f -> assertThat(f.messages()).containsExactly(
                        "Failed to shutdown domain 'web'", "this function is not supported by the connection driver: "
                                + "shutdown mode initctl,agent: the QEMU driver asks the guest by acpi only (--mode acpi)"));
        assertThatThrownBy(() -> ShutdownModes.check(Set.of("acpi"), "reboot", "LXC", "f"))
                .hasMessageContaining("the LXC driver asks the guest by signal only (--mode signal)");
    }
}
