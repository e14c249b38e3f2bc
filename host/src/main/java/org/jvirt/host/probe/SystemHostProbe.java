package org.jvirt.host.probe;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jvirt.driver.Lazy;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.host.HostTopology;

/**
 * The production {@link HostProbe}: the kernel's own files first ({@link SysfsHostProbe} over
 * {@code /}: CPUs, cores, sockets, NUMA cells and memory are what OSHI reads there too on Linux),
 * and {@link OshiHostProbe} where those files fall short: a host whose sysfs lists no CPU, and
 * the host name. Starting OSHI loads JNA, libudev and forks {@code uname}, which a one-shot
 * command that only needs the topology (placing a hot-plugged vCPU, {@code nodeinfo}) would pay
 * on every run. Nothing is read before the first question.
 */
public final class SystemHostProbe implements HostProbe {
    private final Supplier<SysfsHostProbe> files;
    private final Supplier<OshiHostProbe> oshi;

    SystemHostProbe(Supplier<SysfsHostProbe> files, Supplier<OshiHostProbe> oshi) {
        this.files = Objects.requireNonNull(files, "files");
        this.oshi = Objects.requireNonNull(oshi, "oshi");
    }

    /** This host: sysfs and {@code /proc} under {@code /}, OSHI when they fall short. */
    public static SystemHostProbe system() {
        return new SystemHostProbe(Lazy.of(new Files(Path.of("/"))), Lazy.of(new Oshi()));
    }

    /*
     * The makers of the two probes: classes rather than lambdas, as every connection to a real driver
     * makes this probe; on JDK 17 the first lambda a process links sets up the JDK's method handles
     * (and java.util.regex's first pattern links lambdas of its own).
     */

    /** The reader too is made at the first question: its patterns are compiled as its class starts. */
    private record Files(Path root) implements Supplier<SysfsHostProbe> {
        @Override
        public SysfsHostProbe get() {
            SysfsReader reader = new SysfsReader(root);
            return new SysfsHostProbe(reader, reader.hostArch());
        }
    }

    private static final class Oshi implements Supplier<OshiHostProbe> {
        @Override
        public OshiHostProbe get() {
            return OshiHostProbe.system();
        }
    }

    @Override
    public HostTopology topology() {
        return filesElseOshi(HostProbe::topology);
    }

    @Override
    public long totalMemoryKiB() {
        return filesElseOshi(HostProbe::totalMemoryKiB);
    }

    /** {@code question} asked of the kernel's files, else of OSHI when the files have no answer. */
    private <T> T filesElseOshi(Function<HostProbe, T> question) {
        try {
            return question.apply(files.get());
        } catch (VirtException e) {
            if (e.code() != ErrorCode.NO_HOST_DATA) {
                throw e;
            }
            return question.apply(oshi.get());
        }
    }

    /** OSHI's, as before (through the host's network configuration: a qualified name where there is one). */
    @Override
    public String hostname() {
        return oshi.get().hostname();
    }
}
