package org.jvirt.cli.command;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jvirt.cli.parse.OptionSpec;

/**
 * A command: its name, help texts, options (positional ones in position order) and handler.
 * {@code needsConnection} is false for the few commands that run without a hypervisor (help,
 * echo, quit), so those never open one; {@code hidden} ones ({@code complete}) are left out of
 * the command lists of {@code help}, as virsh leaves them out.
 */
public record CommandSpec(String name, CommandGroup group, String summary, String description,
                          List<OptionSpec> options, boolean needsConnection, boolean hidden, Handler handler) {
    public CommandSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(description, "description");
        options = List.copyOf(options);
        Objects.requireNonNull(handler, "handler");
    }

    public static Builder builder(String name, CommandGroup group) {
        return new Builder(name, group);
    }

    public Optional<OptionSpec> option(String optionName) {
        return OptionSpec.find(options, optionName);
    }

    /** The synopsis of help: {@code vcpupin <domain> [--vcpu <number>] ...}. */
    public String synopsis() {
        StringBuilder out = new StringBuilder(name);
        for (OptionSpec o : options) {
            out.append(' ').append(o.synopsis(wordsNamed(o)));
        }
        return out.toString();
    }

    /** The option as the OPTIONS section of help shows it. */
    public String helpLabel(OptionSpec option) {
        return option.helpLabel(wordsNamed(option));
    }

    /**
     * Whether help shows {@code option}, trailing words, with its name: virsh does when a value
     * that may be given bare comes before it (a bare word could fill that value instead).
     */
    private boolean wordsNamed(OptionSpec option) {
        return options.subList(0, Math.max(0, options.indexOf(option))).stream()
                .anyMatch(o -> o.positional() && o.takesValue());
    }

    /** Fluent construction, so command providers read as tables. */
    public static final class Builder {
        private final String name;
        private final CommandGroup group;
        private String summary = "";
        private String description = "";
        private final java.util.ArrayList<OptionSpec> options = new java.util.ArrayList<>();
        private boolean needsConnection = true;
        private boolean hidden;

        private Builder(String name, CommandGroup group) {
            this.name = name;
            this.group = group;
        }

        public Builder summary(String value) {
            summary = value;
            return this;
        }

        public Builder description(String value) {
            description = value;
            return this;
        }

        public Builder option(OptionSpec value) {
            options.add(value);
            return this;
        }

        /** The usual {@code [--domain] <string>} first option. */
        public Builder domain(String help) {
            return option(OptionSpec.required("domain", OptionSpec.Kind.STRING, help));
        }

        public Builder domain() {
            return domain("domain name, id or uuid");
        }

        public Builder flag(String optionName, String help) {
            return option(OptionSpec.flag(optionName, help));
        }

        /** {@code --config --live --current} with virsh's help texts. */
        public Builder affectFlags() {
            return flag("config", "affect next boot").flag("live", "affect running domain")
                    .flag("current", "affect current domain");
        }

        public Builder offline() {
            needsConnection = false;
            return this;
        }

        /** Not listed by {@code help} (an internal command). */
        public Builder hidden() {
            hidden = true;
            return this;
        }

        public CommandSpec handler(Handler handler) {
            return new CommandSpec(name, group, summary, description, options, needsConnection, hidden, handler);
        }
    }
}
