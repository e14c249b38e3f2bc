package org.jvirt.connect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.spi.DriverFactory;
import org.jvirt.spi.DriverModule;
import org.jvirt.spi.Environment;

/**
 * Finds the drivers on the class path or module path ({@link DriverModule}s through
 * {@link ServiceLoader}) and assembles a {@link ConnectionFactory} from them: directly with
 * {@link #connectionFactory()} (what {@code Jvirt.connect} and jvirsh do, since building an
 * injector takes longer than opening a connection), or through Guice: applications with their
 * own injector add {@link #modules()} to theirs and ask it for a {@link ConnectionFactory}. Guice
 * is an optional dependency: only {@link #modules()} and {@link #createInjector} need it.
 */
public final class JvirtBootstrap {
    private JvirtBootstrap() {
    }

    /** The driver modules on the class path or module path. */
    public static List<DriverModule> driverModules() {
        List<DriverModule> drivers = new ArrayList<>();
        ServiceLoader.load(DriverModule.class, JvirtBootstrap.class.getClassLoader()).forEach(drivers::add);
        return drivers;
    }

    /** Core's Guice module and one per driver on the class path or module path (needs Guice). */
    public static List<Module> modules() {
        List<Module> modules = new ArrayList<>();
        modules.add(new JvirtCoreModule());
        for (DriverModule d : driverModules()) {
            modules.add(JvirtCoreModule.driver(d));
        }
        return modules;
    }

    /** An injector over {@link #modules()} and {@code extra} (needs Guice). */
    public static Injector createInjector(Module... extra) {
        List<Module> modules = modules();
        modules.addAll(List.of(extra));
        return Guice.createInjector(Stage.PRODUCTION, modules);
    }

    /** The factory over the drivers on the class path and the process environment, no injector. */
    public static ConnectionFactory connectionFactory() {
        return connectionFactory(driverModules(), Environment.system());
    }

    /** The factory over these drivers, the same map an injector would bind. */
    public static ConnectionFactory connectionFactory(List<DriverModule> drivers, Environment env) {
        Map<String, DriverFactory> schemes = new HashMap<>();
        for (DriverModule d : drivers) {
            if (schemes.putIfAbsent(d.scheme(), d.factory(env)) != null) {
                throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.CONNECT,
                        "two drivers on the class path serve scheme '%s' (%s and another): keep one", d.scheme(),
                        d.getClass().getName());
            }
        }
        return new ConnectionFactory(schemes, env);
    }
}
