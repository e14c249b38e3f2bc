package org.jvirt.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.jvirt.cli.Jvirsh;
import org.jvirt.cli.shell.JvirtConnectionProvider;
import org.junit.jupiter.api.Test;

/**
 * The registry builds a provider's commands only when one of them is asked for, and holds every
 * provider to the names it declares.
 */
class CommandRegistryTest {
    /** A provider that counts how often its commands are built. */
    private static final class CountingCommands implements CommandProvider {
        private final List<String> declared;
        private final List<String> builds;
        int built;

        CountingCommands(List<String> declared, List<String> builds) {
            this.declared = declared;
            this.builds = builds;
        }

        @Override
        public List<String> names() {
            return declared;
        }

        @Override
        public List<CommandSpec> commands() {
            built++;
            List<CommandSpec> specs = new ArrayList<>();
            for (String name : builds) {
                specs.add(CommandSpec.builder(name, CommandGroup.DOMAIN).summary(name).handler(inv -> { }));
            }
            return specs;
        }
    }

    @Test
    void findingACommandBuildsOnlyItsProvidersCommandsAndOnlyOnce() {
        CountingCommands a = new CountingCommands(List.of("alpha", "beta"), List.of("alpha", "beta"));
        CountingCommands b = new CountingCommands(List.of("gamma"), List.of("gamma"));
        CommandRegistry registry = new CommandRegistry(List.of(a, b));
        assertThat(a.built + b.built).isZero();

        assertThat(registry.find("beta")).get().extracting(CommandSpec::name).isEqualTo("beta");
        assertThat(registry.find("alpha")).isPresent();
        assertThat(registry.find("nosuch")).isEmpty();
        assertThat(a.built).isEqualTo(1);
        assertThat(b.built).isZero();

        assertThat(registry.all()).extracting(CommandSpec::name).containsExactly("alpha", "beta", "gamma");
        assertThat(a.built).isEqualTo(1);
        assertThat(b.built).isEqualTo(1);
    }

    @Test
    void aDuplicateNameFailsAtStart() {
        assertThatThrownBy(() -> new CommandRegistry(List.of(new CountingCommands(List.of("alpha"), List.of("alpha")),
                new CountingCommands(List.of("alpha"), List.of("alpha")))))
                .isInstanceOf(IllegalStateException.class).hasMessage("duplicate command alpha");
    }

    @Test
    void aProviderThatBuildsOtherCommandsThanItDeclaresFails() {
        CommandRegistry registry = new CommandRegistry(List.of(
                new CountingCommands(List.of("alpha", "beta"), List.of("alpha", "delta"))));
        assertThatThrownBy(() -> registry.find("alpha")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("declares the commands [alpha, beta] but builds [alpha, delta]");
    }

    /** jvirsh's own providers: each declares exactly what it builds (all() builds every one). */
    @Test
    void everyProviderOfJvirshDeclaresExactlyItsCommands() {
        List<CommandSpec> all = Jvirsh.withDefaults(new JvirtConnectionProvider()).registry().all();
        assertThat(all).extracting(CommandSpec::name).contains("list", "setvcpus", "vcpupin", "help", "nodeinfo")
                .doesNotHaveDuplicates();
    }
}
