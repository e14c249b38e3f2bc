package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.jvirt.cli.command.CommandRegistry;
import org.jvirt.cli.shell.JvirtConnectionProvider;

/** Which command lines set the JDK's Unix sockets up beside the first thread (QEMU in the process). */
class UnixSocketWarmUpTest {
    private final CommandRegistry registry = Jvirsh.withDefaults(new JvirtConnectionProvider()).registry();

    private boolean actsOnADomain(String... args) {
        return UnixSocketWarmUp.actsOnADomain(args, registry);
    }

    @Test
    void aCommandThatNamesADomainDoes() {
        assertThat(actsOnADomain("-c", "qemu:///system", "setvcpus", "D", "4", "--live")).isTrue();
        assertThat(actsOnADomain("--connect=qemu:///system", "-q", "start", "D")).isTrue();
        assertThat(actsOnADomain("-c", "qemu:///system", "dominfo D")).isTrue();
        assertThat(actsOnADomain("vcpupin", "--domain", "D")).isTrue();
    }

    @Test
    void aCommandStringDoesWhenAnyOfItsCommandsNamesADomain() {
        assertThat(actsOnADomain("-c", "qemu:///system", "uri; list --all; setvcpus D 2 --live")).isTrue();
        assertThat(actsOnADomain("-c", "qemu:///system", "uri; list --all; nodeinfo")).isFalse();
    }

    @Test
    void commandsOnNoDomainDoNot() {
        assertThat(actsOnADomain("-c", "qemu:///system", "list", "--all")).isFalse();
        assertThat(actsOnADomain("-c", "qemu:///system", "uri")).isFalse();
        assertThat(actsOnADomain("-c", "qemu:///system", "define", "/tmp/d.xml")).isFalse();
        assertThat(actsOnADomain("-c", "qemu:///system", "help", "setvcpus")).isFalse();
    }

    @Test
    void noCommandAnUnknownOneOrBadOptionsDoNot() {
        assertThat(actsOnADomain("-c", "qemu:///system")).isFalse();
        assertThat(actsOnADomain("-c", "qemu:///system", "nosuchcommand", "D")).isFalse();
        assertThat(actsOnADomain("-c", "qemu:///system", " ; ")).isFalse();
        assertThat(actsOnADomain("--nosuchoption", "setvcpus", "D", "4")).isFalse();
        assertThat(actsOnADomain("-c")).isFalse();
    }
}
