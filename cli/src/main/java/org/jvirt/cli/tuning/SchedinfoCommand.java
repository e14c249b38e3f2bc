package org.jvirt.cli.tuning;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jvirt.Affect;
import org.jvirt.Domain;
import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandProvider;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.output.Output;
import org.jvirt.cli.parse.OptionSpec;
import org.jvirt.cli.parse.OptionSpec.Kind;
import org.jvirt.tuning.SchedulerParameter;
import org.jvirt.tuning.SchedulerParameters;

/**
 * {@code schedinfo}: the scheduler and its parameters, changed with {@code --set name=value}
 * (repeatable, or bare {@code name=value} words), printed as virsh does: the scheduler line
 * first, then every parameter after any change.
 */
public final class SchedinfoCommand implements CommandProvider {
    @Override
    public List<String> names() {
        return List.of("schedinfo");
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(CommandSpec.builder("schedinfo", CommandGroup.DOMAIN).summary("show/set scheduler parameters")
                .description("Show/Set scheduler parameters.").domain()
                .option(OptionSpec.named("weight", Kind.NUMBER, "weight for XEN_CREDIT"))
                .option(OptionSpec.named("cap", Kind.NUMBER, "cap for XEN_CREDIT"))
                .flag("current", "get/set current scheduler info").flag("config", "get/set value to be used on next boot")
                .flag("live", "get/set value from running domain")
                .option(OptionSpec.argv("set", "parameter=value"))
                .handler(this::schedinfo));
    }

    static void line(Output out, String name, String value) {
        out.println(String.format(Locale.ROOT, "%-15s: %s", name, value));
    }

    private void schedinfo(Invocation inv) {
        inv.exclusive("current", "live");
        inv.exclusive("current", "config");
        Affect affect = Affect.of(inv.flag("live"), inv.flag("config"));
        Domain d = inv.domain();
        line(inv.out(), "Scheduler", d.schedulerType());
        Affect query = affect.live() && affect.config() ? Affect.LIVE : affect;
        SchedulerParameters now = d.schedulerParameters(query);
        if (inv.string("weight").isPresent() || inv.string("cap").isPresent()) {
            throw CommandFailure.of("invalid scheduler option: " + (inv.string("weight").isPresent() ? "weight" : "cap"));
        }
        if (!inv.argv().isEmpty()) {
            SchedulerParameters change = SchedulerParameters.NONE;
            for (String word : inv.argv()) {
                change = parse(word, now, change);
            }
            d.setSchedulerParameters(change, affect);
            now = d.schedulerParameters(query);
        }
        for (Map.Entry<SchedulerParameter, Long> e : now.values().entrySet()) {
            line(inv.out(), e.getKey().field(), Long.toString(e.getValue()));
        }
    }

    /** {@code name=value} for a parameter the domain has, its value read as libvirt reads its type. */
    private static SchedulerParameters parse(String word, SchedulerParameters known, SchedulerParameters change) {
        int eq = word.indexOf('=');
        String name = eq < 0 ? word : word.substring(0, eq);
        Optional<SchedulerParameter> p = SchedulerParameter.ofField(name);
        if (eq < 0) {
            throw CommandFailure.of("Invalid syntax for --set, expecting name=value");
        }
        if (p.isEmpty() || !known.parameters().contains(p.get())) {
            throw CommandFailure.of("invalid scheduler option: " + name);
        }
        String text = word.substring(eq + 1);
        try {
            long value = p.get().signed() ? Long.parseLong(text) : Long.parseUnsignedLong(text);
            return change.with(p.get(), value);
        } catch (NumberFormatException e) {
            throw CommandFailure.of("invalid value for field '" + name + "': expected "
                    + (p.get().signed() ? "long long" : "unsigned long long"));
        }
    }
}
