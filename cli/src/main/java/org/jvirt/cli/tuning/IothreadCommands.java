package org.jvirt.cli.tuning;

import java.util.List;
import java.util.OptionalInt;

import org.jvirt.Affect;
import org.jvirt.Domain;
import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandProvider;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.parse.OptionSpec;
import org.jvirt.cli.parse.OptionSpec.Kind;
import org.jvirt.tuning.IothreadParameters;

/** {@code iothreadadd}, {@code iothreaddel}, {@code iothreadset}: I/O threads of a domain, as virsh has them. */
public final class IothreadCommands implements CommandProvider {
    @Override
    public List<String> names() {
        return List.of("iothreadadd", "iothreaddel", "iothreadset");
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.builder("iothreadadd", CommandGroup.DOMAIN).summary("add an IOThread to the guest domain")
                        .description("Add an IOThread to the guest domain.").domain()
                        .option(OptionSpec.required("id", Kind.NUMBER, "iothread for the new IOThread"))
                        .affectFlags().handler(this::add),
                CommandSpec.builder("iothreaddel", CommandGroup.DOMAIN)
                        .summary("delete an IOThread from the guest domain")
                        .description("Delete an IOThread from the guest domain.").domain()
                        .option(OptionSpec.required("id", Kind.NUMBER, "iothread_id for the IOThread to delete"))
                        .affectFlags().handler(this::delete),
                CommandSpec.builder("iothreadset", CommandGroup.DOMAIN)
                        .summary("modifies an existing IOThread of the guest domain")
                        .description("Modifies an existing IOThread of the guest domain.").domain()
                        .option(OptionSpec.required("id", Kind.NUMBER, "iothread id of existing IOThread"))
                        .option(OptionSpec.optional("poll-max-ns", Kind.NUMBER,
                                "set the maximum IOThread polling time in ns"))
                        .option(OptionSpec.optional("poll-grow", Kind.NUMBER,
                                "set the value to increase the IOThread polling time"))
                        .option(OptionSpec.optional("poll-shrink", Kind.NUMBER,
                                "set the value for reduction of the IOThread polling time"))
                        .option(OptionSpec.optional("thread-pool-min", Kind.NUMBER,
                                "lower boundary for worker thread pool"))
                        .option(OptionSpec.optional("thread-pool-max", Kind.NUMBER,
                                "upper boundary for worker thread pool"))
                        .affectFlags().handler(this::set));
    }

    /** The id option, read after the domain as virsh reads it: a number, then one above 0. */
    private static int id(Invocation inv) {
        int id = inv.signed("id").orElseThrow();
        if (id <= 0) {
            throw CommandFailure.of("Invalid IOThread id value: '" + id + "'");
        }
        return id;
    }

    private void add(Invocation inv) {
        Affect affect = inv.affect();
        Domain d = inv.domain();
        int id = id(inv);
        d.addIothread(id, affect);
    }

    private void delete(Invocation inv) {
        Affect affect = inv.affect();
        Domain d = inv.domain();
        int id = id(inv);
        d.deleteIothread(id, affect);
    }

    private void set(Invocation inv) {
        Affect affect = inv.affect();
        Domain d = inv.domain();
        int id = id(inv);
        IothreadParameters p = IothreadParameters.NONE;
        if (inv.string("poll-max-ns").isPresent()) {
            p = p.withPollMaxNs(unsignedLong(inv, "poll-max-ns"));
        }
        if (inv.string("poll-grow").isPresent()) {
            p = p.withPollGrow(unsignedLong(inv, "poll-grow"));
        }
        if (inv.string("poll-shrink").isPresent()) {
            p = p.withPollShrink(unsignedLong(inv, "poll-shrink"));
        }
        OptionalInt min = inv.signed("thread-pool-min");
        if (min.isPresent()) {
            p = p.withThreadPoolMin(min.getAsInt());
        }
        OptionalInt max = inv.signed("thread-pool-max");
        if (max.isPresent()) {
            p = p.withThreadPoolMax(max.getAsInt());
        }
        if (p.isEmpty()) {
            throw CommandFailure.of("Not enough arguments passed, nothing to set");
        }
        d.setIothreadParameters(id, p, affect);
    }

    private static long unsignedLong(Invocation inv, String option) {
        String text = inv.string(option).orElseThrow();
        try {
            if (!text.isEmpty() && Character.isDigit(text.charAt(0))) {
                return Long.parseLong(text);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw inv.malformed(option);
    }
}
