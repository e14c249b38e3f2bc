package org.jvirt.cli.stats;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandProvider;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.DomainLookup;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.parse.OptionSpec;
import org.jvirt.stats.DomainStats;
import org.jvirt.stats.StatsField;
import org.jvirt.stats.StatsGroup;

/**
 * {@code domstats}: statistics records of some or all domains, as virsh prints them ({@code
 * Domain: 'NAME'} then {@code   field=value}, records separated by a blank line). jvirt has the
 * state, cpu-total, balloon and vcpu groups; asking for another with {@code --enforce} fails.
 */
public final class DomstatsCommand implements CommandProvider {
    private static final Map<String, StatsGroup> GROUPS = Map.of("state", StatsGroup.STATE, "cpu-total",
            StatsGroup.CPU_TOTAL, "balloon", StatsGroup.BALLOON, "vcpu", StatsGroup.VCPU);
    private static final List<String> OTHER_GROUPS = List.of("interface", "block", "perf", "iothread", "memory",
            "dirtyrate", "vm");
    private static final List<String> LISTS = List.of("list-active", "list-inactive", "list-persistent",
            "list-transient", "list-running", "list-paused", "list-shutoff", "list-other");

    @Override
    public List<String> names() {
        return List.of("domstats");
    }

    @Override
    public List<CommandSpec> commands() {
        CommandSpec.Builder b = CommandSpec.builder("domstats", CommandGroup.MONITOR)
                .summary("get statistics about one or multiple domains")
                .description("Gets statistics about one or more (or all) domains")
                .flag("state", "report domain state").flag("cpu-total", "report domain physical cpu usage")
                .flag("balloon", "report domain balloon statistics").flag("vcpu", "report domain virtual cpu information")
                .flag("interface", "report domain network interface information")
                .flag("block", "report domain block device statistics")
                .flag("perf", "report domain perf event statistics").flag("iothread", "report domain IOThread information")
                .flag("memory", "report domain memory usage").flag("dirtyrate", "report domain dirty rate information")
                .flag("vm", "report hypervisor-specific statistics")
                .flag("list-active", "list only active domains").flag("list-inactive", "list only inactive domains")
                .flag("list-persistent", "list only persistent domains")
                .flag("list-transient", "list only transient domains")
                .flag("list-running", "list only running domains").flag("list-paused", "list only paused domains")
                .flag("list-shutoff", "list only shutoff domains")
                .flag("list-other", "list only domains in other states")
                .flag("raw", "do not pretty-print the fields").flag("enforce", "enforce requested stats parameters")
                .flag("backing", "add backing chain information to block stats")
                .flag("nowait", "report only stats that are accessible instantly")
                .option(OptionSpec.argv("domain", "list of domains to get stats for"));
        return List.of(b.handler(this::domstats));
    }

    private void domstats(Invocation inv) {
        Set<StatsGroup> groups = EnumSet.noneOf(StatsGroup.class);
        GROUPS.forEach((flag, group) -> {
            if (inv.flag(flag)) {
                groups.add(group);
            }
        });
        boolean others = OTHER_GROUPS.stream().anyMatch(inv::flag);
        if (others && inv.flag("enforce")) {
            throw CommandFailure.of("Statistics not supported: jvirt reports the state, cpu-total, balloon and vcpu "
                    + "groups");
        }
        if (groups.isEmpty() && !others) {
            groups.addAll(EnumSet.allOf(StatsGroup.class));
        }
        List<Domain> domains = domains(inv);
        List<DomainStats> records = groups.isEmpty() ? domains.stream().map(d -> new DomainStats(d.name(), d.uuid(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty())).toList() : inv.conn().domainStats(domains, groups);
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) {
                inv.out().print("\n");
            }
            DomainStats r = records.get(i);
            inv.out().println("Domain: '" + r.name() + "'");
            for (StatsField f : r.fields()) {
                inv.out().println("  " + f.name() + "=" + f.text());
            }
        }
    }

    private static List<Domain> domains(Invocation inv) {
        boolean listed = LISTS.stream().anyMatch(inv::flag);
        if (!inv.argv().isEmpty()) {
            if (listed) {
                throw CommandFailure.of("domain list filtering options can't be used together with domain names");
            }
            List<Domain> out = new ArrayList<>();
            for (String name : inv.argv()) {
                out.add(DomainLookup.find(inv.conn(), name, DomainLookup.ANY));
            }
            return out;
        }
        Connection c = inv.conn();
        List<Domain> running = new ArrayList<>();
        List<Domain> rest = new ArrayList<>();
        for (Domain d : c.listDomains()) {
            if (accepts(inv, d)) {
                (d.id().isPresent() ? running : rest).add(d);
            }
        }
        running.sort((a, b) -> Integer.compare(a.id().getAsInt(), b.id().getAsInt()));
        running.addAll(rest);
        return running;
    }

    private static boolean accepts(Invocation inv, Domain d) {
        boolean active = d.isActive();
        if (inv.flag("list-active") && !active || inv.flag("list-inactive") && active) {
            return false;
        }
        boolean persistent = d.isPersistent();
        if (inv.flag("list-persistent") && !persistent || inv.flag("list-transient") && persistent) {
            return false;
        }
        boolean anyState = inv.flag("list-running") || inv.flag("list-paused") || inv.flag("list-shutoff")
                || inv.flag("list-other");
        if (!anyState) {
            return true;
        }
        DomainState s = d.state().state();
        return inv.flag("list-running") && s == DomainState.RUNNING || inv.flag("list-paused") && s == DomainState.PAUSED
                || inv.flag("list-shutoff") && s == DomainState.SHUTOFF || inv.flag("list-other")
                && s != DomainState.RUNNING && s != DomainState.PAUSED && s != DomainState.SHUTOFF;
    }
}
