package org.jvirt.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * jvirsh's own options (before the command), as virsh's: {@code -c URI}, {@code --connect=URI},
 * clustered short flags ({@code -tq}), and {@code --} or the first non-option word ending them.
 *
 * <p>Parsed by hand rather than with picocli: picocli's classes are compiled for Java 5, which
 * class-data sharing cannot archive, and loading them cost a cold jvirsh start about 65 ms.
 */
public record GlobalOptions(String uri, boolean debug, boolean quiet, boolean readOnly, boolean timing, boolean help,
                            boolean version, List<String> command) {
    public GlobalOptions {
        command = List.copyOf(command);
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
        String uri = null;
        boolean debug = false;
        boolean quiet = false;
        boolean readOnly = false;
        boolean timing = false;
        boolean help = false;
        boolean version = false;
        int i = 0;
        while (i < args.length && args[i].startsWith("-") && args[i].length() > 1) {
            String a = args[i++];
            if (a.equals("--")) {
                break;
            }
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a : a.substring(0, eq);
                switch (name) {
                    case "--connect" -> {
                        if (eq >= 0) {
                            uri = a.substring(eq + 1);
                        } else if (i < args.length) {
                            uri = args[i++];
                        } else {
                            throw new UsageException("option requires an argument: --connect. See --help.");
                        }
                    }
                    case "--debug" -> debug = true;
                    case "--quiet" -> quiet = true;
                    case "--readonly" -> readOnly = true;
                    case "--timing" -> timing = true;
                    case "--help" -> help = true;
                    case "--version" -> version = true;
                    default -> throw new UsageException("unsupported option '" + a + "'. See --help.");
                }
                continue;
            }
            for (int k = 1; k < a.length(); k++) {
                char c = a.charAt(k);
                switch (c) {
                    case 'c' -> {
                        if (k + 1 < a.length()) {
                            uri = a.substring(k + 1);
                        } else if (i < args.length) {
                            uri = args[i++];
                        } else {
                            throw new UsageException("option requires an argument: -c. See --help.");
                        }
                        k = a.length();
                    }
                    case 'd' -> debug = true;
                    case 'q' -> quiet = true;
                    case 'r' -> readOnly = true;
                    case 't' -> timing = true;
                    case 'h' -> help = true;
                    case 'v', 'V' -> version = true;
                    default -> throw new UsageException("unsupported option '-" + c + "'. See --help.");
                }
            }
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(i, args.length));
        return new GlobalOptions(uri, debug, quiet, readOnly, timing, help, version, rest);
    }
}
