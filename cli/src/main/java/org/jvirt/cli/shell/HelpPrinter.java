package org.jvirt.cli.shell;

import java.util.Locale;

import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandRegistry;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.parse.OptionSpec;

/** The text of {@code help}, in virsh's layout. */
public final class HelpPrinter {
    private final CommandRegistry registry;

    public HelpPrinter(CommandRegistry registry) {
        this.registry = registry;
    }

    /** Every group with its commands. */
    public String all() {
        StringBuilder out = new StringBuilder("Grouped commands:\n\n");
        for (CommandGroup g : CommandGroup.values()) {
            if (!registry.group(g).isEmpty()) {
                out.append(group(g)).append('\n');
            }
        }
        return out.toString();
    }

    public String group(CommandGroup g) {
        StringBuilder out = new StringBuilder(g.heading()).append('\n');
        for (CommandSpec c : registry.group(g)) {
            out.append(String.format(Locale.ROOT, "    %-30s %s", c.name(), c.summary())).append('\n');
        }
        return out.toString();
    }

    public String command(CommandSpec c) {
        StringBuilder out = new StringBuilder();
        out.append("  NAME\n    ").append(c.name()).append(" - ").append(c.summary()).append("\n\n");
        out.append("  SYNOPSIS\n    ").append(c.synopsis()).append("\n\n");
        if (!c.description().isEmpty()) {
            out.append("  DESCRIPTION\n    ").append(c.description()).append("\n\n");
        }
        if (!c.options().isEmpty()) {
            out.append("  OPTIONS\n");
            for (OptionSpec o : c.options()) {
                out.append(String.format(Locale.ROOT, "    %-15s  %s", o.helpLabel(), o.help())).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }
}
