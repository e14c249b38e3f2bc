package org.jvirt.cli.domain;

import org.jvirt.XmlFlag;
import java.util.List;

import org.jvirt.Domain;
import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandProvider;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.command.Unsupported;
import org.jvirt.cli.parse.OptionSpec;
import org.jvirt.error.VirtException;
import org.jvirt.model.DefinitionWarning;
import org.jvirt.xml.DomainXml;

/**
 * define, create, undefine. The parts of a definition jvirt keeps without using are warned
 * about, and refused with {@code --validate}; undefine's options for what jvirt does not have
 * (managed save, snapshot and checkpoint metadata, TPM state) find nothing to remove, as for a
 * libvirt domain without them, and its storage options are {@link UndefineStorage}'s.
 */
public final class DefinitionCommands implements CommandProvider {
    private static final OptionSpec FILE =
            OptionSpec.required("file", OptionSpec.Kind.STRING, "file containing an XML domain description");
    private static final String VALIDATE = "validate the XML against the schema";

    @Override
    public List<String> names() {
        return List.of("create", "define", "undefine");
    }

    @Override
    public List<CommandSpec> commands() {
        CommandSpec.Builder create = CommandSpec.builder("create", CommandGroup.DOMAIN)
                .summary("create a domain from an XML file").description("Create a domain.").option(FILE);
        StartFlags.passFds(StartFlags.console(create)).flag("validate", VALIDATE);
        StartFlags.resetNvram(create);
        return List.of(
                CommandSpec.builder("define", CommandGroup.DOMAIN)
                        .summary("define (but don't start) a domain from an XML file")
                        .description("Define a domain.").option(FILE).flag("validate", VALIDATE)
                        .handler(this::define),
                create.handler(this::create),
                UndefineStorage.options(CommandSpec.builder("undefine", CommandGroup.DOMAIN)
                        .summary("undefine a domain")
                        .description("Undefine an inactive domain, or convert persistent to transient.").domain()
                        .flag("managed-save", "remove domain managed state file"))
                        .flag("snapshots-metadata", "remove all domain snapshot metadata (vm must be inactive)")
                        .flag("checkpoints-metadata", "remove all domain checkpoint metadata (vm must be inactive)")
                        .flag("nvram", "remove nvram file").flag("keep-nvram", "keep nvram file")
                        .flag("tpm", "remove TPM state").flag("keep-tpm", "keep TPM state")
                        .handler(this::undefine));
    }

    private void define(Invocation inv) {
        String file = inv.requiredString("file");
        String xml = XmlFiles.read(file);
        warnings(inv, xml, "Failed to define domain from " + file);
        try {
            Domain d = inv.conn().defineXml(xml);
            inv.out().println("Domain '" + d.name() + "' defined from " + file);
        } catch (VirtException e) {
            throw CommandFailure.of("Failed to define domain from " + file, e.getMessage());
        }
    }

    private void create(Invocation inv) {
        String file = inv.requiredString("file");
        String xml = XmlFiles.read(file);
        String failure = "Failed to create domain from " + file;
        warnings(inv, xml, failure);
        StartFlags.checkBeforeStart(inv, () -> xml, failure);
        Domain d;
        try {
            d = inv.conn().createXml(xml, StartFlags.options(inv));
        } catch (VirtException e) {
            throw CommandFailure.of(failure, e.getMessage());
        }
        inv.out().println("Domain '" + d.name() + "' created from " + file);
        StartFlags.afterStart(inv, d);
    }

    /**
     * The parts of the definition jvirt keeps without using, or drops as libvirt does, each as
     * {@code warning: ...} (the library accepts them silently); with {@code --validate} a part
     * jvirt does not model refuses the definition, as libvirt's schema refuses what it lacks. A
     * document the parser refuses is left to the library, which says why.
     */
    private static void warnings(Invocation inv, String xml, String failure) {
        List<DefinitionWarning> warnings;
        try {
            warnings = new DomainXml().read(xml).warnings();
        } catch (VirtException e) {
            return;
        }
        if (inv.flag("validate")) {
            warnings.stream().filter(w -> w.kind() == DefinitionWarning.Kind.UNMODELLED_ELEMENT
                    || w.kind() == DefinitionWarning.Kind.UNMODELLED_ATTRIBUTE).findFirst().ifPresent(w -> {
                        throw CommandFailure.of(failure, "XML document failed to validate against jvirt's model: "
                                + w.message());
                    });
        }
        warnings.forEach(w -> inv.out().warning(w.message()));
    }

    private void undefine(Invocation inv) {
        inv.exclusive("nvram", "keep-nvram");
        inv.exclusive("tpm", "keep-tpm");
        UndefineStorage.checkOptions(inv);
        String name = inv.requiredString("domain");
        Domain d = inv.domain();
        if (inv.flag("nvram") && XmlQuery.of(d.xml(XmlFlag.INACTIVE)).has("/domain/os/nvram")) {
            throw CommandFailure.of("Failed to undefine domain '" + name + "'", Unsupported.of("removing the NVRAM "
                    + "file (--nvram): jvirt does not manage NVRAM files; undefine with --keep-nvram and remove the "
                    + "file yourself").getMessage());
        }
        UndefineStorage.reportUnmanaged(inv, d);
        try {
            d.undefine();
        } catch (VirtException e) {
            throw CommandFailure.of("Failed to undefine domain '" + name + "'", e.getMessage());
        }
        inv.out().println("Domain '" + name + "' has been undefined");
    }
}
