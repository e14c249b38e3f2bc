package org.jvirt.driver.lxc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;


import org.jvirt.conf.ConfException;
import org.jvirt.conf.ConfLoader;
import org.jvirt.conf.ConfLocations;
import org.jvirt.conf.LxcConfKeys;
import org.jvirt.spi.Environment;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.driver.lxc.linux.LxcKernel;
import org.jvirt.linux.DomainLocks;
import org.jvirt.linux.HostEnvironment;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupController;
import org.jvirt.spi.ConnectUri;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.DriverContext;
import org.jvirt.spi.DriverFactory;
import org.jvirt.spi.ProbeResult;

/**
 * {@code lxc:///system} (also {@code lxc:///}): containers of this host, for root only. The
 * settings come from lxc.conf ({@code $JVIRT_CONF_DIR}, then {@code /etc/jvirt}, then the
 * built-in defaults), read when a connection opens.
 */
public final class LxcDriverFactory implements DriverFactory {
    private final Environment env;
    private final Supplier<HostEnvironment> host;
    private final Supplier<LxcKernel> kernel;
    /** One set of domain locks per state directory for all connections of this JVM (see DomainLocks). */
    private final Map<Path, DomainLocks> locks = new java.util.concurrent.ConcurrentHashMap<>();

    public LxcDriverFactory(Environment env) {
        this(env, HostEnvironment.systemSupplier(), new SystemKernel());
    }

    /** A factory whose connections reach the host through {@code host}, the kernel through JNA. */
    public LxcDriverFactory(Environment env, Supplier<HostEnvironment> host) {
        this(env, host, new SystemKernel());
    }

    /**
     * The kernel through JNA, made when a connection opens: a class rather than a method reference,
     * as every jvirsh run makes this factory whatever its URI (docs/benchmarks.md).
     */
    private static final class SystemKernel implements Supplier<LxcKernel> {
        @Override
        public LxcKernel get() {
            return LxcKernel.system();
        }
    }

    /**
     * A factory whose connections reach the host through {@code host} and {@code kernel}
     * (tests: fakes).
     */
    public LxcDriverFactory(Environment env, Supplier<HostEnvironment> host, Supplier<LxcKernel> kernel) {
        this.env = env;
        this.host = host;
        this.kernel = kernel;
    }

    @Override
    public String name() {
        return "LXC";
    }

    @Override
    public ProbeResult probe(ConnectUri uri) {
        if (!uri.driver().equals("lxc")) {
            return ProbeResult.decline("it serves only lxc:///system");
        }
        String path = uri.path();
        if (path.isEmpty() || path.equals("/") || path.equals("/system")) {
            return ProbeResult.accept();
        }
        return new ProbeResult.Error(VirtException.of(ErrorCode.NO_CONNECT, ErrorDomain.LXC,
                "no connection driver available for %s: the LXC driver serves only lxc:///system", uri.text()));
    }

    @Override
    public DriverConnection open(ConnectUri uri, DriverContext context) {
        LxcSettings settings = settings(env);
        HostEnvironment hostEnv = host.get();
        if (!isRoot(hostEnv.procRoot())) {
            throw VirtException.of(ErrorCode.OPERATION_DENIED, ErrorDomain.LXC,
                    "lxc:///system needs root: containers are created with namespaces and cgroups");
        }
        DomainLocks shared = locks.get(settings.stateDir()); // no computeIfAbsent lambda: see isRoot
        if (shared == null) {
            DomainLocks made = new DomainLocks(settings.stateDir(), DriverContext.DEFAULT_JOB_WAIT, hostEnv.ticker());
            DomainLocks raced = locks.putIfAbsent(settings.stateDir(), made);
            shared = raced == null ? made : raced;
        }
        return LxcConnection.open(settings, hostEnv, kernel.get(), cgroups(settings, hostEnv), shared.withWait(context.jobWait()),
                context);
    }

    /** lxc.conf as the environment says where to find it. */
    public static LxcSettings settings(Environment env) {
        try {
            return LxcSettings.of(new ConfLoader(ConfLocations.of(env.get(ConfLocations.ENV_CONF_DIR), Path.of("/")))
                    .load(LxcConfKeys.FILE));
        } catch (ConfException e) {
            throw new VirtException(ErrorCode.CONF_SYNTAX, ErrorDomain.CONF, e.getMessage(), e);
        }
    }

    /** The host's cgroup backend, detected on first use (a define needs none). */
    private static Supplier<CgroupBackend> cgroups(LxcSettings settings, HostEnvironment hostEnv) {
        Set<CgroupController> wanted = settings.cgroupControllers();
        return new Supplier<>() {
            private CgroupBackend backend;

            @Override
            public synchronized CgroupBackend get() {
                if (backend == null) {
                    backend = hostEnv.cgroups(wanted, EnumSet.noneOf(CgroupController.class));
                }
                return backend;
            }
        };
    }

    private static boolean isRoot(Path proc) {
        try {
            for (String line : Files.readAllLines(proc.resolve("self/status"))) {
                if (line.startsWith("Uid:")) {
                    // real, effective, saved and file-system uid; split without a regular expression (on
                    // JDK 17 java.util.regex's first pattern links lambdas: every connection reads this)
                    java.util.StringTokenizer f = new java.util.StringTokenizer(line.substring(4));
                    if (f.countTokens() < 2) {
                        return false;
                    }
                    f.nextToken(); // the real uid
                    return f.nextToken().equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Never the host default: with no URI given, a VM driver is the better guess. */
    @Override
    public Optional<String> hostDefaultUri() {
        return Optional.empty();
    }
}
