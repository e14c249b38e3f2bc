package org.jvirt.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * jvirsh's own options (before the command), as virsh's: {@code -c URI}, {@code --connect=URI},
 * clustered short flags ({@code -tq}), and {@code --} or the first non-option word ending them.
 * {@code -d} takes virsh's level 0-4 (0 the most detailed); alone, not followed by a level, it
 * means 0. {@code -e}, {@code -k} and {@code -K} (console escape, keepalive) are checked as
 * virsh checks them and mean nothing to jvirt, whose drivers run in this process.
 *
 * <p>Parsed by hand rather than with picocli: picocli's classes are compiled for Java 5, which
 * class-data sharing cannot archive, and loading them cost a cold jvirsh start about 65 ms.
 *
 * @param debugLevel virsh's debug level: 0 debug, 1 info, 2 notice, 3 warning (the default), 4 error
 * @param logFile    {@code -l FILE}: where a copy of every diagnostic goes
 * @param problems   complaints that do not stop the run ({@code ignoring debug level 9 ...})
 */
public record GlobalOptions(String uri, int debugLevel, Optional<String> logFile, boolean quiet, boolean readOnly,
                            boolean timing, boolean help, Version version, List<String> problems,
                            List<String> command) {
    /** The level without {@code -d}: warnings and errors. */
    public static final int DEFAULT_LEVEL = 3;

    /** What {@code -v}, {@code -V} and {@code --version[=short|long]} ask for. */
    public enum Version { NONE, SHORT, LONG }

    public GlobalOptions {
        problems = List.copyOf(problems);
        command = List.copyOf(command);
    }

    /** Whether {@code -d 0} (or a bare {@code -d}) asked for everything, Java stack traces included. */
    public boolean debug() {
        return debugLevel == 0;
    }

    /** A global option jvirsh does not know, or one without its value. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** @throws UsageException with virsh's wording for an unknown option or a missing value */
    public static GlobalOptions parse(String[] args) {
        return new Parser(args).parse();
    }

    /** One pass over the arguments. */
    private static final class Parser {
        private final String[] args;
        private int i;
        private String uri;
        private int debugLevel = DEFAULT_LEVEL;
        private String logFile;
        private boolean quiet;
        private boolean readOnly;
        private boolean timing;
        private boolean help;
        private Version version = Version.NONE;
        private final List<String> problems = new ArrayList<>();

        Parser(String[] args) {
            this.args = args;
        }

        GlobalOptions parse() {
            while (i < args.length && args[i].startsWith("-") && args[i].length() > 1) {
                String a = args[i++];
                if (a.equals("--")) {
                    break;
                }
                if (a.startsWith("--")) {
                    longOption(a);
                } else {
                    shortOptions(a);
                }
            }
            List<String> rest = new ArrayList<>(Arrays.asList(args).subList(i, args.length));
            return new GlobalOptions(uri, debugLevel, Optional.ofNullable(logFile), quiet, readOnly, timing, help,
                    version, problems, rest);
        }

        private void longOption(String a) {
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            String inline = eq < 0 ? null : a.substring(eq + 1);
            switch (name) {
                case "--connect" -> uri = value(name, inline);
                case "--debug" -> debug(name, inline);
                case "--escape" -> escape(value(name, inline));
                case "--keepalive-interval" -> count("-k", value(name, inline));
                case "--keepalive-count" -> count("-K", value(name, inline));
                case "--log" -> logFile = value(name, inline);
                case "--quiet" -> quiet = true;
                case "--readonly" -> readOnly = true;
                case "--timing" -> timing = true;
                case "--help" -> help = true;
                case "--version" -> version = versionType(inline);
                default -> throw new UsageException("unsupported option '" + a + "'. See --help.");
            }
        }

        private void shortOptions(String a) {
            for (int k = 1; k < a.length(); k++) {
                char c = a.charAt(k);
                String attached = k + 1 < a.length() ? a.substring(k + 1) : null;
                switch (c) {
                    case 'c', 'e', 'k', 'K', 'l' -> {
                        String v = value("-" + c, attached);
                        switch (c) {
                            case 'c' -> uri = v;
                            case 'e' -> escape(v);
                            case 'l' -> logFile = v;
                            default -> count("-" + c, v);
                        }
                        return;
                    }
                    case 'd' -> {
                        debug("-d", attached);
                        return;
                    }
                    case 'q' -> quiet = true;
                    case 'r' -> readOnly = true;
                    case 't' -> timing = true;
                    case 'h' -> help = true;
                    case 'v' -> version = Version.SHORT;
                    case 'V' -> version = Version.LONG;
                    default -> throw new UsageException("unsupported option '-" + c + "'. See --help.");
                }
            }
        }

        /** The option's value: attached ({@code -cURI}, {@code --connect=URI}) or the next argument. */
        private String value(String option, String attached) {
            if (attached != null) {
                return attached;
            }
            if (i < args.length) {
                return args[i++];
            }
            throw new UsageException("option requires an argument: " + option + ". See --help.");
        }

        /** {@code -d N}, {@code -dN}, {@code --debug=N}; {@code -d} not followed by a level is 0. */
        private void debug(String option, String attached) {
            String level = attached;
            if (level == null && i < args.length && args[i].matches("\\d+")) {
                level = args[i++];
            }
            if (level == null) {
                debugLevel = 0;
                return;
            }
            if (!level.matches("\\d{1,9}")) {
                throw new UsageException("option " + option + " takes a numeric argument");
            }
            int n = Integer.parseInt(level);
            if (n > 4) {
                problems.add("ignoring debug level " + n + " out of range [0-4]");
            } else {
                debugLevel = n;
            }
        }

        private static void count(String option, String value) {
            if (!value.matches("\\d{1,9}")) {
                throw new UsageException("Invalid value for option " + option);
            }
        }

        /** A console escape: one character, or {@code ^} and one more; jvirt has no console. */
        private static void escape(String value) {
            boolean ok = value.length() == 1 || value.length() == 2 && value.charAt(0) == '^';
            if (!ok) {
                throw new UsageException("Invalid string '" + value + "' for escape sequence");
            }
        }

        private static Version versionType(String type) {
            if (type == null || type.equals("short")) {
                return Version.SHORT;
            }
            if (type.equals("long")) {
                return Version.LONG;
            }
            throw new UsageException("unknown version type '" + type + "'");
        }
    }
}
