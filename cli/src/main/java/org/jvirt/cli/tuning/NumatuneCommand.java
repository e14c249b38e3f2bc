package org.jvirt.cli.tuning;

import java.util.List;
import java.util.Locale;
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
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.model.NumaMode;
import org.jvirt.tuning.NumaChange;
import org.jvirt.tuning.NumaParameters;

/** {@code numatune}: shows or changes where a domain's memory lives, as virsh prints it. */
public final class NumatuneCommand implements CommandProvider {
    @Override
    public List<String> names() {
        return List.of("numatune");
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(CommandSpec.builder("numatune", CommandGroup.DOMAIN).summary("Get or set numa parameters")
                .description("Get or set the current numa parameters for a guest domain.\n"
                        + "    To get the numa parameters use following command: \n\n"
                        + "    virsh # numatune <domain>").domain()
                .option(OptionSpec.optional("mode", Kind.STRING,
                        "NUMA mode, one of strict, preferred, interleave or restrictive")
                        .withChoices(List.of("strict", "preferred", "interleave", "restrictive")))
                .option(OptionSpec.optional("nodeset", Kind.STRING, "NUMA node selections to set"))
                .affectFlags().handler(this::numatune));
    }

    private void numatune(Invocation inv) {
        Affect affect = inv.affect();
        Domain d = inv.domain();
        Optional<NumaMode> mode = inv.string("mode").map(NumatuneCommand::mode);
        Optional<CpuSet> nodes = inv.string("nodeset").map(NumatuneCommand::nodeset);
        if (mode.isEmpty() && nodes.isEmpty()) {
            if (affect.live() && affect.config()) {
                throw CommandFailure.of("Unable to get number of memory parameters",
                        "invalid argument: flags 'affect live' and 'affect config' are mutually exclusive");
            }
            NumaParameters p = d.numaParameters(affect);
            SchedinfoCommand.line(inv.out(), "numa_mode", p.mode().xml());
            SchedinfoCommand.line(inv.out(), "numa_nodeset", p.nodeset().isEmpty() ? "" : p.nodeset().format());
            return;
        }
        try {
            d.setNumaParameters(new NumaChange(mode, nodes), affect);
        } catch (VirtException e) {
            throw CommandFailure.of("Unable to change numa parameters", e.getMessage());
        }
    }

    private static NumaMode mode(String text) {
        NumaMode m = NumaMode.fromXml(text.toLowerCase(Locale.ROOT));
        if (m == null) {
            try {
                int n = Integer.parseInt(text);
                if (n >= 0 && n < NumaMode.values().length) {
                    return NumaMode.values()[n];
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw CommandFailure.of("Invalid mode: " + text);
        }
        return m;
    }

    private static CpuSet nodeset(String text) {
        try {
            return CpuSet.parse(text);
        } catch (VirtException e) {
            throw CommandFailure.of("Unable to change numa parameters", "invalid nodeset '" + text + "': "
                    + e.getMessage());
        }
    }
}
