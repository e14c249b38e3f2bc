package org.jvirt.cli.domain;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import org.jvirt.Autostart;
import org.jvirt.Domain;
import org.jvirt.DomainInfo;
import org.jvirt.StateInfo;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandProvider;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.DomainLookup.By;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.output.Output;
import org.jvirt.error.VirtException;
import org.jvirt.model.UuidText;

/** domstate, dominfo, domid, domname, domuuid. */
public final class DomainInfoCommands implements CommandProvider {
    @Override
    public List<String> names() {
        return List.of("domstate", "dominfo", "domid", "domname", "domuuid");
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.builder("domstate", CommandGroup.MONITOR).summary("domain state")
                        .description("Returns state about a domain.").domain()
                        .flag("reason", "also print reason for the state").handler(this::domstate),
                CommandSpec.builder("dominfo", CommandGroup.MONITOR).summary("domain information")
                        .description("Returns basic information about the domain.").domain()
                        .handler(this::dominfo),
                CommandSpec.builder("domid", CommandGroup.DOMAIN)
                        .summary("convert a domain name or UUID to domain id").domain("domain name or uuid")
                        .handler(this::domid),
                CommandSpec.builder("domname", CommandGroup.DOMAIN)
                        .summary("convert a domain id or UUID to domain name").domain("domain id or uuid")
                        .handler(inv -> inv.out().println(inv.domain(EnumSet.of(By.ID, By.UUID)).name())),
                CommandSpec.builder("domuuid", CommandGroup.DOMAIN)
                        .summary("convert a domain name or id to domain UUID").domain("domain id or name")
                        .handler(inv -> inv.out().println(
                                UuidText.of(inv.domain(EnumSet.of(By.ID, By.NAME)).uuid()))));
    }

    private void domstate(Invocation inv) {
        StateInfo s = inv.domain().state();
        inv.out().println(inv.flag("reason") ? s.describe() : s.state().label());
    }

    private void domid(Invocation inv) {
        Domain d = inv.domain(EnumSet.of(By.NAME, By.UUID));
        inv.out().println(d.id().isPresent() ? Integer.toString(d.id().getAsInt()) : "-");
    }

    private void dominfo(Invocation inv) {
        Domain d = inv.domain();
        DomainInfo info = d.info();
        Output out = inv.out();
        line(out, "Id:", d.id().isPresent() ? Integer.toString(d.id().getAsInt()) : "-");
        line(out, "Name:", d.name());
        line(out, "UUID:", UuidText.of(d.uuid()));
        osType(d).ifPresent(t -> line(out, "OS Type:", t));
        line(out, "State:", info.state().label());
        line(out, "CPU(s):", Integer.toString(info.vcpus()));
        if (info.cpuTimeNanos() != 0) {
            line(out, "CPU time:", String.format(Locale.ROOT, "%.1fs", info.cpuTimeNanos() / 1e9));
        }
        line(out, "Max memory:", info.maxMemoryKiB() == Long.MAX_VALUE ? "no limit" : info.maxMemoryKiB() + " KiB");
        line(out, "Used memory:", info.memoryKiB() + " KiB");
        line(out, "Persistent:", d.isPersistent() ? "yes" : "no");
        autostart(d).ifPresent(a -> line(out, "Autostart:", a == Autostart.ENABLED ? "enable" : "disable"));
    }

    private static java.util.Optional<Autostart> autostart(Domain d) {
        try {
            return java.util.Optional.of(d.autostart());
        } catch (VirtException e) {
            return java.util.Optional.empty(); // like virsh, leave the line out when the driver cannot say
        }
    }

    private static java.util.Optional<String> osType(Domain d) {
        try {
            return java.util.Optional.of(d.definition().os().type().name());
        } catch (VirtException e) {
            return java.util.Optional.empty(); // like virsh, leave the line out when unknown
        }
    }

    static void line(Output out, String label, String value) {
        out.println(String.format(Locale.ROOT, "%-15s %s", label, value));
    }
}
