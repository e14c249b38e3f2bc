package org.jvirt.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;

import org.jvirt.spi.DriverModule;

/**
 * Builds jvirt's injector: core's module plus every {@link DriverModule} found on the class
 * path through {@link ServiceLoader}. Applications with their own injector add
 * {@link #modules()} to theirs and ask it for a {@link ConnectionFactory}.
 */
public final class JvirtBootstrap {
    private JvirtBootstrap() {
    }

    /** Core's module and the driver modules on the class path. */
    public static List<Module> modules() {
        List<Module> modules = new ArrayList<>();
        modules.add(new JvirtCoreModule());
        for (DriverModule m : ServiceLoader.load(DriverModule.class, JvirtBootstrap.class.getClassLoader())) {
            modules.add(m);
        }
        return modules;
    }

    public static Injector createInjector(Module... extra) {
        List<Module> modules = modules();
        modules.addAll(List.of(extra));
        return Guice.createInjector(Stage.PRODUCTION, modules);
    }
}
