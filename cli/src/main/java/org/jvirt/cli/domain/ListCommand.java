package org.jvirt.cli.domain;

import java.util.EnumSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.ListFilter;
import org.jvirt.StateInfo;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandProvider;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Handler;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.output.TablePrinter;
import org.jvirt.error.VirtException;
import org.jvirt.model.UuidText;

/** {@code list}: running domains first by id, then the others by name, as virsh sorts them. */
public final class ListCommand implements CommandProvider {
    /**
     * One listed domain, read once. Rows sort as virsh lists them: running domains first, by id,
     * then the others by name. Written out rather than composed with {@code Comparator.comparing}
     * (JDK 25's start-up cache keeps no lambda made inside an interface) or as a lambda (on JDK 17
     * each links its call site at run time): both would cost every one-shot {@code list}.
     */
    private record Row(String name, String uuid, int id, StateInfo state, Domain domain) implements Comparable<Row> {
        boolean active() {
            return id >= 0;
        }

        @Override
        public int compareTo(Row other) {
            if (active() != other.active()) {
                return active() ? -1 : 1;
            }
            int byId = Integer.compare(id, other.id);
            return byId != 0 ? byId : name.compareTo(other.name);
        }

        /** The title of the definition in use (the live one while running); blank when none. */
        String title() {
            try {
                return domain.definition().title().orElse("");
            } catch (VirtException e) {
                return "";
            }
        }
    }

    @Override
    public List<String> names() {
        return List.of("list");
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(CommandSpec.builder("list", CommandGroup.MONITOR).summary("list domains")
                .description("Returns list of domains.")
                .flag("inactive", "list inactive domains")
                .flag("all", "list inactive & active domains")
                .flag("transient", "list transient domains")
                .flag("persistent", "list persistent domains")
                .flag("with-snapshot", "list domains with existing snapshot")
                .flag("without-snapshot", "list domains without a snapshot")
                .flag("with-checkpoint", "list domains with existing checkpoint")
                .flag("without-checkpoint", "list domains without a checkpoint")
                .flag("state-running", "list domains in running state")
                .flag("state-paused", "list domains in paused state")
                .flag("state-shutoff", "list domains in shutoff state")
                .flag("state-other", "list domains in other states")
                .flag("autostart", "list domains with autostart enabled")
                .flag("no-autostart", "list domains with autostart disabled")
                .flag("with-managed-save", "list domains with managed save state")
                .flag("without-managed-save", "list domains without managed save")
                .flag("uuid", "list uuid's only")
                .flag("name", "list domain names only")
                .flag("id", "list domain IDs only")
                .flag("table", "list table (default)")
                .flag("managed-save", "mark inactive domains with managed save state")
                .flag("title", "show domain title")
                .handler(new Run()));
    }

    /**
     * The handler: a class rather than a method reference, as every {@code list} makes it (on
     * JDK 17 the first one linked sets up the JDK's method handles: docs/benchmarks.md).
     */
    private final class Run implements Handler {
        @Override
        public void run(Invocation inv) {
            list(inv);
        }
    }

    private void list(Invocation inv) {
        inv.exclusive("table", "name");
        inv.exclusive("table", "uuid");
        inv.exclusive("table", "id");
        boolean byState = inv.flag("state-running") || inv.flag("state-paused") || inv.flag("state-shutoff")
                || inv.flag("state-other");
        boolean all = inv.flag("all") || byState;
        boolean inactive = inv.flag("inactive") || all;
        boolean active = !inv.flag("inactive") || all;
        EnumSet<ListFilter.Flag> flags = EnumSet.noneOf(ListFilter.Flag.class);
        if (active) {
            flags.add(ListFilter.Flag.ACTIVE);
        }
        if (inactive) {
            flags.add(ListFilter.Flag.INACTIVE);
        }
        if (inv.flag("persistent")) {
            flags.add(ListFilter.Flag.PERSISTENT);
        }
        if (inv.flag("transient")) {
            flags.add(ListFilter.Flag.TRANSIENT);
        }
        ListFilter filter = new ListFilter(flags);
        // jvirt has no snapshots, checkpoints, managed save or autostart: asking for domains with one finds none
        boolean noneMatch = noneHave(inv, "snapshot") || noneHave(inv, "checkpoint") || noneHave(inv, "managed-save")
                || inv.flag("autostart") && !inv.flag("no-autostart");
        List<Row> rows = new ArrayList<>();
        for (Domain d : noneMatch ? List.<Domain>of() : inv.conn().listDomains(filter)) {
            Row row = read(d);
            if (row != null && (!byState || stateSelected(inv, row.state().state()))) {
                rows.add(row);
            }
        }
        Collections.sort(rows);
        if (inv.flag("uuid") || inv.flag("name") || inv.flag("id")) {
            printPlain(inv, rows);
        } else if (inv.flag("title")) {
            TablePrinter table = new TablePrinter("Id", "Name", "State", "Title");
            for (Row r : rows) {
                table.row(r.active() ? Integer.toString(r.id()) : "-", r.name(), r.state().state().label(), r.title());
            }
            table.print(inv.out());
        } else {
            TablePrinter table = new TablePrinter("Id", "Name", "State");
            for (Row r : rows) {
                table.row(r.active() ? Integer.toString(r.id()) : "-", r.name(), r.state().state().label());
            }
            table.print(inv.out());
        }
    }

    /** {@code --with-X} without {@code --without-X}: only domains that have X, which none has in jvirt. */
    private static boolean noneHave(Invocation inv, String what) {
        return inv.flag("with-" + what) && !inv.flag("without-" + what);
    }

    private static void printPlain(Invocation inv, List<Row> rows) {
        for (Row r : rows) {
            if (inv.flag("id") && !inv.flag("uuid") && !inv.flag("name") && !r.active()) {
                continue; // bare --id lists running domains only
            }
            List<String> parts = new ArrayList<>();
            if (inv.flag("uuid")) {
                parts.add(r.uuid());
            }
            if (inv.flag("id")) {
                parts.add(r.active() ? Integer.toString(r.id()) : "-");
            }
            if (inv.flag("name")) {
                parts.add(r.name());
            }
            inv.out().println(String.join(" ", parts));
        }
    }

    /** Null when the domain vanished between listing and reading (it is then not listed). */
    private static Row read(Domain d) {
        try {
            return new Row(d.name(), UuidText.of(d.uuid()), d.id().orElse(-1), d.state(), d);
        } catch (VirtException e) {
            return null;
        }
    }

    private static boolean stateSelected(Invocation inv, DomainState s) {
        return switch (s) {
            case RUNNING -> inv.flag("state-running");
            case PAUSED -> inv.flag("state-paused");
            case SHUTOFF -> inv.flag("state-shutoff");
            default -> inv.flag("state-other");
        };
    }
}
