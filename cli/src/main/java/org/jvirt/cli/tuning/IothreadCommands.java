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
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.builder("iothreadadd", CommandGroup.DOMAIN).summary("add an IOThread to the guest domain")
                        .description("Add an IOThread to the guest domain.").domain()
                        .option(OptionSpec.required("id", Kind.NUMBER, "iothread id of new IOThread"))
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
                        .option(OptionSpec.named("poll-max-ns", Kind.NUMBER, "set the maximum IOThread polling time in ns"))
                        .option(OptionSpec.named("poll-grow", Kind.NUMBER,
                                "set the value to increase the IOThread polling time"))
                        .option(OptionSpec.named("poll-shrink", Kind.NUMBER,
                                "set the value for reduction of the IOThread polling time"))
                        .option(OptionSpec.named("thread-pool-min", Kind.NUMBER, "lower boundary for worker thread pool"))
                        .option(OptionSpec.named("thread-pool-max", Kind.NUMBER, "upper boundary for worker thread pool"))
                        .affectFlags().handler(this::set));
    }

    private static int id(Invocation inv) {
        String text = inv.requiredString("id");
        try {
            int id = Integer.parseInt(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CommandFailure.of("Invalid IOThread id value: '" + text + "'");
    }

    private void add(Invocation inv) {
        Affect affect = inv.affect();
        int id = id(inv);
        Domain d = inv.domain();
        d.addIothread(id, affect);
    }

    private void delete(Invocation inv) {
        Affect affect = inv.affect();
        int id = id(inv);
        Domain d = inv.domain();
        d.deleteIothread(id, affect);
    }

    private void set(Invocation inv) {
        Affect affect = inv.affect();
        int id = id(inv);
        Domain d = inv.domain();
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
        OptionalInt min = signedInt(inv, "thread-pool-min");
        if (min.isPresent()) {
            p = p.withThreadPoolMin(min.getAsInt());
        }
        OptionalInt max = signedInt(inv, "thread-pool-max");
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
        throw CommandFailure.of("Numeric value '" + text + "' for <" + option + "> option is malformed or out of range");
    }

    private static OptionalInt signedInt(Invocation inv, String option) {
        if (inv.string(option).isEmpty()) {
            return OptionalInt.empty();
        }
        String text = inv.string(option).get();
        try {
            return OptionalInt.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw CommandFailure.of("Numeric value '" + text + "' for <" + option
                    + "> option is malformed or out of range");
        }
    }
}
