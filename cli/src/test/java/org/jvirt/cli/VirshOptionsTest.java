package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.parse.ArgBinder;
import org.jvirt.cli.parse.OptionSpec;
import org.jvirt.cli.parse.ParseException;

/**
 * Every option of every virsh 9.0 command jvirsh has, read from {@code virsh help CMD}: jvirsh
 * has it with the same shape (flag, value, required value, trailing words), type and place,
 * binds it, runs it on the test driver without a parse failure or an internal error, and takes
 * as many bare values in a row as virsh does. Needs virsh: skipped without it, except under
 * CI=true, where it fails.
 */
class VirshOptionsTest {
    /** How an option is written. */
    enum Shape { FLAG, VALUE, REQUIRED_VALUE, WORDS, REQUIRED_WORDS }

    /** One option as virsh's help shows it; {@code type} is {@code <string>}, {@code <number>} or empty. */
    record Option(String name, Shape shape, String type) {
    }

    private static final Pattern SYNOPSIS_TOKEN = Pattern.compile(
            "\\{\\[--([\\w-]+)] (<\\w+>)}\\.\\.\\.|\\[<(\\w+)>]\\.\\.\\.|\\[--([\\w-]+) (<\\w+>)]|\\[--([\\w-]+)]|<([\\w-]+)>");
    private static final Pattern OPTION_LINE = Pattern.compile("^ {4}\\[--([\\w-]+)] (<\\w+>) ");
    private static final String U = "test:///default";

    private static Virsh virsh;
    private static Jvirsh jvirsh;

    @BeforeAll
    static void tools() {
        virsh = Virsh.find();
        jvirsh = Jvirsh.withDefaults((u, ro) -> {
            throw new AssertionError("no connection while binding");
        });
    }

    static Stream<String> commands() {
        return Jvirsh.withDefaults((u, ro) -> null).registry().all().stream().map(CommandSpec::name)
                .filter(n -> !n.equals("pinmap") && !n.equals("pincheck")); // jvirt's own
    }

    /** virsh's options of {@code command}, in its order. */
    static List<Option> virshOptions(String command) {
        Virsh.Run help = virsh.run("", "help", command);
        assertThat(help.status()).as("virsh help %s: %s", command, help.stderr()).isZero();
        List<String> lines = help.stdout().lines().toList();
        String synopsis = lines.get(lines.indexOf("  SYNOPSIS") + 1).strip();
        assertThat(synopsis).startsWith(command);
        List<Option> out = new ArrayList<>();
        Matcher m = SYNOPSIS_TOKEN.matcher(synopsis.substring(command.length()));
        while (m.find()) {
            if (m.group(1) != null) {
                out.add(new Option(m.group(1), Shape.REQUIRED_WORDS, m.group(2)));
            } else if (m.group(3) != null) {
                out.add(new Option(m.group(3), Shape.WORDS, "<" + m.group(3) + ">"));
            } else if (m.group(4) != null) {
                out.add(new Option(m.group(4), Shape.VALUE, m.group(5)));
            } else if (m.group(6) != null) {
                out.add(new Option(m.group(6), Shape.FLAG, ""));
            } else {
                out.add(new Option(m.group(7), Shape.REQUIRED_VALUE, requiredType(lines, m.group(7))));
            }
        }
        return out;
    }

    private static String requiredType(List<String> helpLines, String name) {
        for (String line : helpLines) {
            Matcher m = OPTION_LINE.matcher(line);
            if (m.find() && m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        return fail("no OPTIONS line for <" + name + ">");
    }

    static Option jvirshShape(OptionSpec o) {
        return switch (o.kind()) {
            case BOOL -> new Option(o.name(), Shape.FLAG, "");
            case ARGV -> new Option(o.name(), o.required() ? Shape.REQUIRED_WORDS : Shape.WORDS, o.kind().label());
            default -> new Option(o.name(), o.required() ? Shape.REQUIRED_VALUE : Shape.VALUE, o.kind().label());
        };
    }

    private static CommandSpec spec(String command) {
        return jvirsh.registry().find(command).orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void everyVirshOptionHasTheSameShapeAndPlace(String command) {
        List<Option> theirs = virshOptions(command);
        List<Option> ours = spec(command).options().stream().map(VirshOptionsTest::jvirshShape)
                .filter(theirs::contains).toList();
        assertThat(ours).as("virsh's options of %s in jvirsh, in order", command).isEqualTo(theirs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void everyVirshOptionIsAcceptedAndRuns(String command) {
        CommandSpec spec = spec(command);
        for (Option o : virshOptions(command)) {
            List<String> words = new ArrayList<>(use(command, o)); // named first: bare values fill slots in order
            words.addAll(requiredWords(spec, o.name()));
            spec.options().stream().filter(x -> x.required() && x.kind() == OptionSpec.Kind.ARGV
                    && !x.name().equals(o.name())).forEach(x -> words.addAll(List.of("--" + x.name(),
                    sample(command, x.name()))));
            try {
                ArgBinder.bind(command, spec.options(), words);
            } catch (ParseException e) {
                fail(command + " " + words + ": " + e.getMessage());
            }
            String line = prelude(command) + command + " " + String.join(" ", words) + extra(command, o);
            JvirshHarness.Result r = new JvirshHarness().run("-c", U, line);
            assertThat(r.stderr()).as("%s: %s", line, r.stderr()).doesNotContain("internal error")
                    .doesNotContain("doesn't support option").doesNotContain("unexpected data")
                    .doesNotContain("expected syntax").doesNotContain("requires <");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void asManyBareValuesAsVirsh(String command) {
        CommandSpec spec = spec(command);
        if (spec.options().stream().anyMatch(o -> o.kind() == OptionSpec.Kind.ARGV) || command.equals("help")) {
            return; // trailing words take any number; virsh's help ignores what follows its topic
        }
        List<String> words = new ArrayList<>();
        spec.options().stream().filter(OptionSpec::required).forEach(o -> words.add("x"));
        long slots = spec.options().stream().filter(o -> o.positional() && o.takesValue() && !o.required()).count();
        for (int i = 1; i <= slots; i++) {
            words.add("v" + i);
        }
        Virsh.Run fits = virsh.run("", withCommand(command, words));
        assertThat(fits.stderr()).as("virsh %s %s", command, words).doesNotContain("unexpected data");
        words.add("v" + (slots + 1));
        Virsh.Run extra = virsh.run("", withCommand(command, words));
        assertThat(extra.stderr()).as("virsh %s %s", command, words).contains("unexpected data 'v" + (slots + 1) + "'");
    }

    private static String[] withCommand(String command, List<String> words) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(words);
        return all.toArray(String[]::new);
    }

    /** Values for the required options other than {@code except}, in position. */
    private static List<String> requiredWords(CommandSpec spec, String except) {
        List<String> out = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (o.required() && o.kind() != OptionSpec.Kind.ARGV && !o.name().equals(except)) {
                out.add(sample(spec.name(), o.name()));
            }
        }
        return out;
    }

    /** The option as a user writes it. */
    private static List<String> use(String command, Option o) {
        return o.shape() == Shape.FLAG ? List.of("--" + o.name()) : List.of("--" + o.name(), sample(command, o.name()));
    }

    /** A value a user might give; a new option needs one here. */
    private static String sample(String command, String option) {
        String d1 = GoldenFiles.xmlDir().resolve("d1.xml").toString();
        Map<String, String> values = Map.ofEntries(Map.entry("domain", "test"), Map.entry("file", d1),
                Map.entry("xml", d1), Map.entry("count", "2"), Map.entry("vcpu", "1"), Map.entry("iothread", "1"),
                Map.entry("cpulist", "0"), Map.entry("vcpulist", "1"), Map.entry("format", "qemu-argv"),
                Map.entry("mode", "acpi"), Map.entry("xpath", "//name"), Map.entry("storage", "vda"),
                Map.entry("pass-fds", "0"), Map.entry("event", "lifecycle"), Map.entry("timeout", "0"),
                Map.entry("command", "uri"), Map.entry("string", "a"), Map.entry("cmd", "/bin/true"));
        return Optional.ofNullable(values.get(option))
                .orElseGet(() -> fail("no sample value for " + command + " --" + option));
    }

    /** What makes the command meaningful on test:///default (start needs a stopped domain). */
    private static String prelude(String command) {
        return switch (command) {
            case "start", "undefine" -> "destroy test; ";
            default -> "";
        };
    }

    /** {@code event} would wait for ever without a timeout. */
    private static String extra(String command, Option o) {
        return command.equals("event") && !o.name().equals("timeout") ? " --timeout 0" : "";
    }
}
