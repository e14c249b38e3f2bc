package org.jvirt.cli.parse;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One option of a command, in virsh's model: a boolean flag ({@code --live}), a value
 * ({@code --vcpu 1}, {@code --vcpu=1}, or bare data in its position when {@code positional}),
 * or the trailing list of words ({@code echo a b c}). {@code choices} are the values Tab offers
 * (a domain option offers the connection's domains without them).
 */
public record OptionSpec(String name, Kind kind, boolean required, boolean positional, String help,
                         List<String> choices) {
    /** What an option holds; the label is what help shows ({@code <number>}). */
    public enum Kind {
        BOOL(""),
        STRING("<string>"),
        NUMBER("<number>"),
        ARGV("<string>");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(help, "help");
        choices = List.copyOf(choices);
    }

    public OptionSpec(String name, Kind kind, boolean required, boolean positional, String help) {
        this(name, kind, required, positional, help, List.of());
    }

    /** The same option, its values completed from {@code values} (they are not enforced here). */
    public OptionSpec withChoices(List<String> values) {
        return new OptionSpec(name, kind, required, positional, help, values);
    }

    public static OptionSpec flag(String name, String help) {
        return new OptionSpec(name, Kind.BOOL, false, false, help);
    }

    /** A required value that may also be given bare in its position ({@code <domain>}). */
    public static OptionSpec required(String name, Kind kind, String help) {
        return new OptionSpec(name, kind, true, true, help);
    }

    /** An optional value that may also be given bare in its position. */
    public static OptionSpec optional(String name, Kind kind, String help) {
        return new OptionSpec(name, kind, false, true, help);
    }

    /** An optional value that must be named ({@code --timeout 5}). */
    public static OptionSpec named(String name, Kind kind, String help) {
        return new OptionSpec(name, kind, false, false, help);
    }

    /** The trailing words ({@code echo a b c}). */
    public static OptionSpec argv(String name, String help) {
        return new OptionSpec(name, Kind.ARGV, false, true, help);
    }

    /** Trailing words of which there must be at least one ({@code lxc-enter-namespace D -- cmd}). */
    public static OptionSpec requiredArgv(String name, String help) {
        return new OptionSpec(name, Kind.ARGV, true, true, help);
    }

    /**
     * The option named {@code name} among {@code options}. A loop, not a stream: every one-shot
     * command binds its words with it, and a stream's first pipeline sets up the JDK's stream
     * machinery (half a millisecond in an interpreted JVM).
     */
    public static Optional<OptionSpec> find(List<OptionSpec> options, String name) {
        for (OptionSpec o : options) {
            if (o.name().equals(name)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    public boolean takesValue() {
        return kind != Kind.BOOL;
    }

    /**
     * As the synopsis line of help shows it. {@code wordsNamed}: trailing words come after a value
     * that may be given bare, so virsh shows them with their name ({@code [[--set] <string>]...});
     * else by their name alone ({@code [<domain>]...}).
     */
    public String synopsis(boolean wordsNamed) {
        return switch (kind) {
            case BOOL -> "[--" + name + "]";
            case ARGV -> wordsNamed ? (required ? "{[--" + name + "] " + kind.label() + "}..."
                    : "[[--" + name + "] " + kind.label() + "]...")
                    : (required ? "<" + name + ">..." : "[<" + name + ">]...");
            default -> required ? "<" + name + ">" : "[--" + name + " " + kind.label() + "]";
        };
    }

    /** As the OPTIONS section of help shows it; {@code wordsNamed} as for {@link #synopsis(boolean)}. */
    public String helpLabel(boolean wordsNamed) {
        return switch (kind) {
            case BOOL -> "--" + name;
            case ARGV -> wordsNamed ? "[--" + name + "] " + kind.label() : "<" + name + ">";
            default -> required ? "[--" + name + "] " + kind.label() : "--" + name + " " + kind.label();
        };
    }
}
