package org.jvirt.cli.command;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.cli.output.Output;
import org.jvirt.cli.parse.ParsedCommand;
import org.jvirt.cli.shell.Session;

/** One command being run: its bound options and the session, with virsh's option checks. */
public final class Invocation {
    private final ParsedCommand command;
    private final Session session;

    public Invocation(ParsedCommand command, Session session) {
        this.command = command;
        this.session = session;
    }

    public Output out() {
        return session.output();
    }

    public Session session() {
        return session;
    }

    public Connection conn() {
        return session.connection();
    }

    public String commandName() {
        return command.name();
    }

    public boolean flag(String option) {
        return command.flag(option);
    }

    public Optional<String> string(String option) {
        return command.value(option);
    }

    /** A value the parser already required. */
    public String requiredString(String option) {
        return command.value(option).orElseThrow(
                () -> CommandFailure.of("command '" + command.name() + "' requires <" + option + "> option"));
    }

    public List<String> argv() {
        return command.argv();
    }

    /** A non-negative number, or empty when not given; virsh's message when malformed. */
    public OptionalInt unsigned(String option) {
        Optional<String> text = command.value(option);
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        String t = text.get();
        try {
            if (!t.isEmpty() && Character.isDigit(t.charAt(0))) {
                return OptionalInt.of(Integer.parseInt(t));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CommandFailure.of("Numeric value '" + t + "' for <" + option + "> option is malformed or out of range");
    }

    public void exclusive(String a, String b) {
        if (command.has(a) && command.has(b)) {
            throw CommandFailure.of("Options --" + a + " and --" + b + " are mutually exclusive");
        }
    }

    /** {@code dependent} may only be given with {@code required}. */
    public void requires(String dependent, String required) {
        if (command.has(dependent) && !command.has(required)) {
            throw CommandFailure.of("Option --" + required + " is required by option --" + dependent);
        }
    }

    /** {@code --live --config --current} as an {@link Affect}, with virsh's exclusions. */
    public Affect affect() {
        exclusive("current", "live");
        exclusive("current", "config");
        return Affect.of(flag("live"), flag("config"));
    }

    /** The domain of the {@code domain} option, by id, UUID or name. */
    public Domain domain() {
        return domain(DomainLookup.ANY);
    }

    public Domain domain(Set<DomainLookup.By> by) {
        return DomainLookup.find(conn(), requiredString("domain"), by);
    }
}
