package org.jvirt.driver.qemu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import org.jvirt.conf.ConfLoader;
import org.jvirt.conf.QemuConfKeys;
import org.jvirt.driver.qemu.capabilities.CapabilitiesProbe;
import org.jvirt.driver.Lazy;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.host.HostTopology;
import org.jvirt.linux.HostEnvironment;
import org.jvirt.linux.DomainLocks;
import org.jvirt.spi.ConnectUri;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.DriverContext;
import org.jvirt.spi.DriverFactory;
import org.jvirt.spi.ProbeResult;

/**
 * {@code qemu:///system}: settings from qemu.conf ({@code $JVIRT_CONF_DIR}, {@code /etc/jvirt},
 * built-in defaults). {@code qemu:///session} is not offered: it needs unprivileged cgroup
 * delegation, which this driver does not do.
 */
public final class QemuDriverFactory implements DriverFactory {
    private final Supplier<QemuSettings> settingsSource;
    private final Supplier<HostEnvironment> envSource;
    private QemuSettings settings;
    private HostEnvironment env;
    private CapabilitiesProbe probe;
    private DomainLocks locks;
    private Supplier<HostTopology> topology;

    /** The factory Guice builds: reads qemu.conf when the first connection opens. */
    public QemuDriverFactory() {
        this(() -> QemuSettings.from(ConfLoader.system().load(QemuConfKeys.FILE)));
    }

    /** A factory with fixed settings (tests: a temp-dir root; embedding applications). */
    public QemuDriverFactory(Supplier<QemuSettings> settings) {
        this(settings, HostEnvironment::system);
    }

    /** A factory with fixed settings on the host {@code env} gives (tests: fakes below a temp dir). */
    public QemuDriverFactory(Supplier<QemuSettings> settings, Supplier<HostEnvironment> env) {
        this.settingsSource = settings;
        this.envSource = env;
    }

    @Override
    public String name() {
        return "QEMU";
    }

    @Override
    public ProbeResult probe(ConnectUri uri) {
        if (!uri.driver().equals("qemu")) {
            return ProbeResult.decline("it serves only qemu:///system");
        }
        if (!uri.path().equals("/system")) {
            return ProbeResult.decline("the QEMU driver serves qemu:///system only (qemu:///session is not supported)");
        }
        return ProbeResult.accept();
    }

    private synchronized void init() {
        if (settings == null) {
            QemuSettings s = settingsSource.get();
            env = envSource.get();
            HostEnvironment e = env;
            topology = Lazy.of(() -> e.probe().topology());
            probe = new CapabilitiesProbe(s.stateDir().resolve("capabilities"));
            locks = new DomainLocks(s.stateDir(), Duration.ofSeconds(30), env.ticker());
            settings = s;
        }
    }

    @Override
    public DriverConnection open(ConnectUri uri, DriverContext context) {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw VirtException.of(ErrorCode.OPERATION_DENIED, ErrorDomain.QEMU,
                    "qemu:///system needs root (cgroups and the affinity of QEMU's threads)");
        }
        init();
        return QemuConnection.open(settings, env, topology, probe::probe, locks, context);
    }

    @Override
    public Optional<String> hostDefaultUri() {
        return Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64")) ? Optional.of("qemu:///system")
                : Optional.empty();
    }
}
