package org.jvirt.cli.pinning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jvirt.Affect;
import org.jvirt.Domain;
import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandProvider;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.parse.OptionSpec;
import org.jvirt.cli.parse.OptionSpec.Kind;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.pinning.EffectivePinning;

/**
 * jvirt's {@code pinmap}: the host topology with the domain's threads on it, as text, or with
 * {@code --svg FILE} as a drawing that also shows where the kernel has the threads of a running
 * domain (see {@link PinMapSvg}).
 */
public final class PinMapCommand implements CommandProvider {
    private final ThreadProbe probe;

    public PinMapCommand(ThreadProbe probe) {
        this.probe = probe;
    }

    @Override
    public List<String> names() {
        return List.of("pinmap");
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(CommandSpec.builder("pinmap", CommandGroup.PINNING)
                .summary("draw the host topology with the domain's threads on it")
                .description("Shows cells, sockets, cores and CPUs of the host, and on each CPU the "
                        + "vCPUs, emulator and I/O threads of the domain that may run there; with --svg, "
                        + "a drawing that also shows where the kernel has them.")
                .domain().affectFlags()
                .option(OptionSpec.named("svg", Kind.STRING, "write an SVG drawing to this file ('-': standard output)"))
                .handler(this::pinmap));
    }

    private void pinmap(Invocation inv) {
        Affect affect = inv.affect();
        inv.exclusive("live", "config");
        Domain d = inv.domain();
        boolean live = affect.resolve(d.isActive()).live();
        String which = live ? "live" : "config";
        EffectivePinning pins = d.effectivePinning(affect);
        Optional<String> svg = inv.string("svg");
        if (svg.isEmpty()) {
            inv.out().print(PinMapRenderer.render(d.name(), which, inv.conn().hostTopology(), pins));
            return;
        }
        String type = inv.conn().hypervisorType();
        Optional<KernelPlacement> kernel = Optional.empty();
        String note;
        if (!live) {
            note = "No kernel view: the drawing shows the persistent definition's pinning.";
        } else {
            try {
                kernel = Optional.of(KernelPlacement.of(probe.threads(d), d.vcpuInfo()));
                note = "Kernel view: the " + type + " driver's report of the domain's threads.";
            } catch (VirtException e) {
                if (e.code() != ErrorCode.NO_SUPPORT) {
                    throw e;
                }
                note = "No kernel view: the " + type + " driver reports no kernel placement.";
            }
        }
        String drawing = PinMapSvg.render(d.name(), which, inv.conn().hostTopology(), pins, kernel, note);
        if (svg.get().equals("-")) {
            inv.out().print(drawing);
            return;
        }
        try {
            Files.writeString(Path.of(svg.get()), drawing, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw CommandFailure.of("cannot write the pin map to '" + svg.get() + "': " + e.getMessage());
        }
        inv.out().println("Pin map of domain '" + d.name() + "' written to " + svg.get());
    }
}
