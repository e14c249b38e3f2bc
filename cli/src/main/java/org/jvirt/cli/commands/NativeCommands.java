package org.jvirt.cli.commands;

import java.util.List;

import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.command.CommandFamily;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.parse.OptionSpec;
import org.jvirt.error.VirtException;

/** domxml-to-native: what a driver would run for a definition (QEMU: {@code qemu-argv}). */
public final class NativeCommands implements CommandFamily {
    private static final OptionSpec FORMAT =
            OptionSpec.required("format", OptionSpec.Kind.STRING, "target config data type format");
    private static final OptionSpec XML =
            OptionSpec.required("xml", OptionSpec.Kind.STRING, "xml data file to export from");

    @Override
    public List<CommandSpec> commands() {
        return List.of(CommandSpec.builder("domxml-to-native", CommandGroup.DOMAIN)
                .summary("Convert domain XML to native config")
                .description("Export the domain XML as a native guest configuration format (qemu-argv).")
                .option(FORMAT).option(XML).handler(this::toNative));
    }

    private void toNative(Invocation inv) {
        String xml = XmlFiles.read(inv.requiredString("xml"));
        try {
            inv.out().print(inv.conn().domainXmlToNative(inv.requiredString("format"), xml));
        } catch (VirtException e) {
            throw CommandFailure.of(e.getMessage());
        }
    }
}
