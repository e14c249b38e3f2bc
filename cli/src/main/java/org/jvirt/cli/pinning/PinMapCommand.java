package org.jvirt.cli.pinning;

import java.util.List;

import org.jvirt.Affect;
import org.jvirt.Domain;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandProvider;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;

/** jvirt's {@code pinmap}: the host topology with the domain's threads on it. */
public final class PinMapCommand implements CommandProvider {
    @Override
    public List<CommandSpec> commands() {
        return List.of(CommandSpec.builder("pinmap", CommandGroup.PINNING)
                .summary("draw the host topology with the domain's threads on it")
                .description("Shows cells, sockets, cores and CPUs of the host, and on each CPU the "
                        + "vCPUs, emulator and I/O threads of the domain that may run there.")
                .domain().affectFlags().handler(this::pinmap));
    }

    private void pinmap(Invocation inv) {
        Affect affect = inv.affect();
        inv.exclusive("live", "config");
        Domain d = inv.domain();
        String which = affect.resolve(d.isActive()).live() ? "live" : "config";
        inv.out().print(PinMapRenderer.render(d.name(), which, inv.conn().hostTopology(), d.effectivePinning(affect)));
    }
}
