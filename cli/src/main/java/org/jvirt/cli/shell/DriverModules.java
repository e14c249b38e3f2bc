package org.jvirt.cli.shell;

import java.util.ArrayList;
import java.util.List;

import org.jvirt.connect.JvirtBootstrap;
import org.jvirt.spi.DriverModule;

/**
 * The drivers jvirsh opens connections through. bin/jvirsh names them in {@value #PROPERTY}: the
 * class names its training found with {@link java.util.ServiceLoader} in this very jar, recorded
 * next to the start-up caches. Made directly from those names, a one-shot command never reads a
 * service file, which is what would open the jar (12,000 entries to index) and the JDK's module
 * image in a process whose classes all come from the start-up cache. Without the property, or
 * when a named class cannot be made, the drivers are found with ServiceLoader as a library user's
 * are.
 */
public final class DriverModules {
    /** The driver modules' class names, comma-separated. */
    public static final String PROPERTY = "jvirsh.drivers";

    private DriverModules() {
    }

    /** The drivers named in {@value #PROPERTY}, else those ServiceLoader finds. */
    public static List<DriverModule> forShell() {
        String names = System.getProperty(PROPERTY, "");
        if (names.isBlank()) {
            return JvirtBootstrap.driverModules();
        }
        List<DriverModule> drivers = new ArrayList<>();
        try {
            for (String name : names.split(",")) {
                Class<?> type = Class.forName(name.trim(), true, DriverModules.class.getClassLoader());
                drivers.add((DriverModule) type.getConstructor().newInstance());
            }
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            return JvirtBootstrap.driverModules();
        }
        return drivers;
    }

    /** The class names of the drivers ServiceLoader finds, as {@value #PROPERTY} takes them. */
    public static String found() {
        List<String> names = new ArrayList<>();
        for (DriverModule d : JvirtBootstrap.driverModules()) {
            names.add(d.getClass().getName());
        }
        return String.join(",", names);
    }
}
