package org.jvirt.cli.domain;

import java.util.List;
import java.util.regex.Pattern;

import org.jvirt.Domain;
import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandProvider;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.command.Unsupported;
import org.jvirt.cli.parse.OptionSpec;
import org.jvirt.cli.parse.OptionSpec.Kind;

/**
 * {@code dumpxml}: the domain's XML, without secrets (graphics passwords) unless
 * {@code --security-info}, or the nodes an XPath expression selects.
 */
public final class DumpXmlCommand implements CommandProvider {
    /** Compiled on first use: the registry builds this class on every start. */
    private static final class Patterns {
        static final Pattern PASSWORD = Pattern.compile("(<graphics\\b[^>]*?)\\s+passwd=('[^']*'|\"[^\"]*\")");
        static final Pattern HOST_MODEL_CPU = Pattern.compile("<cpu\\b[^>]*\\bmode=['\"]host-model['\"]");
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
        if (inv.flag("security-info") && inv.conn().isReadOnly()) {
            throw CommandFailure.of("operation forbidden: dumpxml --security-info needs a read-write connection");
        }
        String xml = d.xml(inv.flag("inactive"));
        if (!inv.flag("security-info") && xml.contains("passwd=")) {
            xml = Patterns.PASSWORD.matcher(xml).replaceAll("$1");
        }
        if (inv.flag("update-cpu") && Patterns.HOST_MODEL_CPU.matcher(xml).find()) {
            throw Unsupported.of("updating a host-model guest CPU from the host's CPU (dumpxml --update-cpu): "
                    + "jvirt knows no host CPU model to expand it to");
        }
        // --migratable: jvirt's XML holds nothing a destination host adds by itself, so it already is
        if (inv.string("xpath").isPresent()) {
            var nodes = XmlQuery.of(xml).nodes(inv.string("xpath").get());
            inv.out().print(inv.flag("wrap") ? XmlNodeWriter.wrapped(nodes) : XmlNodeWriter.each(nodes));
            return;
        }
        inv.out().print(xml.endsWith("\n") ? xml : xml + "\n");
    }
}
