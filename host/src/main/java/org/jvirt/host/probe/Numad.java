package org.jvirt.host.probe;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.jvirt.host.NumadAdvice;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;

/**
 * Asks numad where a domain with automatic placement should run (docs/pinning.md#placementauto-and-numad): runs
 * {@code numad -w VCPUS:MIB} and reads the node set it prints (e.g. {@code 0} or {@code 0-1}).
 *
 * <p>Every failure is a {@link ErrorCode#NUMAD} error saying what happened: numad missing, not
 * startable, too slow, exiting non-zero, or printing something that is not a node set.
 */
public final class Numad {
    public static final String DEFAULT_PATH = "/usr/bin/numad";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final int MAX_SHOWN = 80;

    private final CommandRunner runner;
    private final String path;
    private final Duration timeout;

    public Numad(CommandRunner runner, String path, Duration timeout) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.path = Objects.requireNonNull(path, "path");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.HOST,
                    "the numad timeout must be positive, got %d ms", timeout.toMillis());
        }
        if (path.isBlank()) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.HOST, "the numad path is empty");
        }
    }

    /**
     * @param vcpus     the domain's current vCPU count (at least 1)
     * @param memoryMiB the domain's memory in MiB, rounded up (at least 1)
     */
    public NumadAdvice advise(int vcpus, long memoryMiB) {
        if (vcpus < 1) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.HOST,
                    "numad advice needs at least 1 vCPU, got %d", vcpus);
        }
        if (memoryMiB < 1) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.HOST,
                    "numad advice needs at least 1 MiB of memory, got %d", memoryMiB);
        }
        String request = vcpus + ":" + memoryMiB;
        String command = path + " -w " + request;
        CommandResult r = runner.run(List.of(path, "-w", request), timeout);
        switch (r.outcome()) {
            case NOT_FOUND -> throw fail("numad is not available (%s): placement='auto' needs numad installed "
                    + "(or its path set with 'numad' in the driver's conf file)", r.detail());
            case FAILED_TO_START -> throw fail("cannot run numad: %s", r.detail());
            case TIMED_OUT -> throw fail("'%s' gave no advice within %d ms", command, timeout.toMillis());
            case EXITED -> {
                // handled below
            }
            default -> throw new IllegalStateException("unhandled outcome " + r.outcome());
        }
        if (r.exitCode() != 0) {
            String said = shown(r.stderr().isBlank() ? r.stdout() : r.stderr());
            throw fail("'%s' failed with exit status %d%s", command, r.exitCode(),
                    said.isEmpty() ? "" : ": " + said);
        }
        String out = r.stdout().strip();
        if (out.isEmpty()) {
            throw fail("'%s' printed no node set", command);
        }
        CpuSet nodes;
        try {
            nodes = CpuSet.parse(out, "numad output", CpuSet.XML_LIMIT);
        } catch (VirtException e) {
            throw new VirtException(ErrorCode.NUMAD, ErrorDomain.HOST, String.format(
                    "'%s' printed '%s', which is not a NUMA node set", command, shown(out)), e);
        }
        return new NumadAdvice(nodes);
    }

    private static VirtException fail(String format, Object... args) {
        return VirtException.of(ErrorCode.NUMAD, ErrorDomain.HOST, format, args);
    }

    /** First line only, control characters escaped, bounded. */
    private static String shown(String s) {
        String line = s.strip();
        int nl = line.indexOf('\n');
        if (nl >= 0) {
            line = line.substring(0, nl).strip() + " ...";
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i < line.length() && out.length() < MAX_SHOWN; i++) {
            char c = line.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return i < line.length() ? out + "..." : out.toString();
    }
}
