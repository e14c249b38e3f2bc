package org.jvirt.cli.domain;

import java.util.EnumSet;
import java.util.List;

import org.jvirt.Domain;
import org.jvirt.XmlFlag;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandProvider;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.parse.OptionSpec;
import org.jvirt.cli.parse.OptionSpec.Kind;

/**
 * {@code dumpxml}: the domain's XML, without secrets (graphics passwords) unless
 * {@code --security-info}, or the nodes an XPath expression selects.
 */
public final class DumpXmlCommand implements CommandProvider {

    @Override
    public List<String> names() {
        return List.of("dumpxml");
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(CommandSpec.builder("dumpxml", CommandGroup.DOMAIN).summary("domain information in XML")
                .description("Output the domain information as an XML dump to stdout.").domain()
                .flag("inactive", "show inactive defined XML")
                .flag("security-info", "include security sensitive information in XML dump")
                .flag("update-cpu", "update guest CPU according to host CPU")
                .flag("migratable", "provide XML suitable for migrations")
                .option(OptionSpec.named("xpath", Kind.STRING, "xpath expression to filter the XML document"))
                .flag("wrap", "wrap xpath results in an common root element")
                .handler(this::dumpxml));
    }

    private void dumpxml(Invocation inv) {
        Domain d = inv.domain();
        EnumSet<XmlFlag> flags = EnumSet.noneOf(XmlFlag.class);
        for (XmlFlag f : XmlFlag.values()) {
            if (inv.flag(option(f))) {
                flags.add(f);
            }
        }
        String xml = d.xml(flags.toArray(XmlFlag[]::new));
        if (inv.string("xpath").isPresent()) {
            var nodes = XmlQuery.of(xml).nodes(inv.string("xpath").get());
            inv.out().print(inv.flag("wrap") ? XmlNodeWriter.wrapped(nodes) : XmlNodeWriter.each(nodes));
            return;
        }
        inv.out().print(xml.endsWith("\n") ? xml : xml + "\n");
    }

    /** The dumpxml option of {@code flag}. */
    private static String option(XmlFlag flag) {
        return switch (flag) {
            case SECURE -> "security-info";
            case INACTIVE -> "inactive";
            case UPDATE_CPU -> "update-cpu";
            case MIGRATABLE -> "migratable";
        };
    }
}
