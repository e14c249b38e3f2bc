package org.jvirt.driver.qemu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import org.jvirt.conf.ConfLoader;
import org.jvirt.conf.QemuConfKeys;
import org.jvirt.driver.qemu.capabilities.CapabilitiesProbe;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.driver.Lazy;
import org.jvirt.host.HostTopology;
import org.jvirt.linux.HostEnvironment;
import org.jvirt.linux.DomainLocks;
import org.jvirt.spi.ConnectUri;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.DriverContext;
import org.jvirt.spi.DriverFactory;
import org.jvirt.spi.Environment;
import org.jvirt.spi.ProbeResult;
import org.jvirt.driver.qemu.session.QemuSession;

/**
 * {@code qemu:///system} (root: settings from qemu.conf in {@code $JVIRT_CONF_DIR},
 * {@code /etc/jvirt}, else built-in defaults) and {@code qemu:///session} (any other user: its
 * own qemu.conf, directories and QEMU processes, {@link QemuSession}). As libvirt's privileged
 * driver does, root's {@code qemu:///session} is {@code qemu:///system}.
 */
public final class QemuDriverFactory implements DriverFactory {
    private static final String SYSTEM = "/system";
    private static final String SESSION = "/session";

    private final Supplier<QemuSettings> settingsSource;
    private final Supplier<HostEnvironment> envSource;
    private final Supplier<QemuSession> sessionSource;
    private Opened system;
    private Opened session;

    /**
     * What the connections of one URI share in this JVM: settings, host, capabilities cache, lock
     * files. The host is probed when a command first needs its topology, not when a connection opens.
     */
    private record Opened(QemuSettings settings, HostEnvironment env, Supplier<HostTopology> topology, CapabilitiesProbe probe,
                          DomainLocks locks, QemuAccess access) {
        static Opened of(QemuSettings s, HostEnvironment env, java.util.function.BiFunction<QemuSettings,
                HostEnvironment, QemuAccess> access) {
            return new Opened(s, env, Lazy.of(() -> env.probe().topology()), new CapabilitiesProbe(s.stateDir().resolve("capabilities")),
                    new DomainLocks(s.stateDir(), Duration.ofSeconds(30), env.ticker()), access.apply(s, env));
        }
    }

    /** The factory Guice builds: reads qemu.conf when the first connection opens. */
    public QemuDriverFactory() {
        this(new SystemSettings(), HostEnvironment.systemSupplier(), new SessionOf(null, HostEnvironment.systemSupplier()));
    }

    /** The factory of an environment {@code vars} (a session's HOME and XDG directories). */
    public static QemuDriverFactory of(Environment vars) {
        return new QemuDriverFactory(new SystemSettings(), HostEnvironment.systemSupplier(), new SessionOf(vars, HostEnvironment.systemSupplier()));
    }

    /** A factory with fixed settings (tests: a temp-dir root; embedding applications). */
    public QemuDriverFactory(Supplier<QemuSettings> settings) {
        this(settings, HostEnvironment.systemSupplier());
    }

    /** A factory with fixed settings on the host {@code env} gives (tests: fakes below a temp dir). */
    public QemuDriverFactory(Supplier<QemuSettings> settings, Supplier<HostEnvironment> env) {
        this(settings, env, new SessionOf(null, env));
    }

    /*
     * The sources of the factory's parts, classes rather than lambdas: every jvirsh run makes this
     * factory, whatever its URI, and on JDK 17 the first lambda linked sets up the JDK's method
     * handles (docs/benchmarks.md).
     */

    /** qemu.conf's settings, read when asked. */
    private static final class SystemSettings implements Supplier<QemuSettings> {
        @Override
        public QemuSettings get() {
            return QemuSettings.from(ConfLoader.system().load(QemuConfKeys.FILE));
        }
    }

    /** The user running this JVM, in the environment {@code vars} (null: this process's). */
    private record SessionOf(Environment vars, Supplier<HostEnvironment> env) implements Supplier<QemuSession> {
        @Override
        public QemuSession get() {
            return QemuSession.current(vars == null ? Environment.system() : vars, env);
        }
    }

    /** A factory with fixed system settings and the session {@code session} (tests). */
    public QemuDriverFactory(Supplier<QemuSettings> settings, Supplier<HostEnvironment> env,
                             Supplier<QemuSession> session) {
        this.settingsSource = settings;
        this.envSource = env;
        this.sessionSource = session;
    }

    @Override
    public String name() {
        return "QEMU";
    }

    @Override
    public ProbeResult probe(ConnectUri uri) {
        if (!uri.driver().equals("qemu")) {
            return ProbeResult.decline("it serves only qemu:///system and qemu:///session");
        }
        if (!uri.path().equals(SYSTEM) && !uri.path().equals(SESSION)) {
            return ProbeResult.decline("the QEMU driver serves qemu:///system and qemu:///session, not path '"
                    + uri.path() + "'");
        }
        return ProbeResult.accept();
    }

    private synchronized Opened system() {
        if (system == null) {
            system = Opened.of(settingsSource.get(), envSource.get(), QemuAccess::system);
        }
        return system;
    }

    private synchronized Opened session(QemuSession s) {
        if (session == null) {
            session = Opened.of(s.settings().get(), envSource.get(), s::access);
        }
        return session;
    }

    @Override
    public DriverConnection open(ConnectUri uri, DriverContext context) {
        QemuSession s = sessionSource.get();
        Opened o;
        if (uri.path().equals(SESSION) && !s.user().isRoot()) {
            o = session(s);
        } else if (!s.user().isRoot()) {
            throw VirtException.of(ErrorCode.OPERATION_DENIED, ErrorDomain.QEMU, "qemu:///system needs root (cgroups "
                    + "and the affinity of QEMU's threads); user %s has its own domains at qemu:///session",
                    s.user());
        } else {
            o = system();
        }
        return QemuConnection.open(o.settings(), o.env(), o.topology(), o.probe()::probe,
                o.locks().withWait(context.jobWait()), context, o.access());
    }

    /** libvirt's rule: root's default is qemu:///system, any other user's qemu:///session. */
    @Override
    public Optional<String> hostDefaultUri() {
        if (!Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64"))) {
            return Optional.empty();
        }
        return Optional.of(sessionSource.get().user().isRoot() ? "qemu:///system" : "qemu:///session");
    }
}
