package org.jvirt.driver.lxc;

import java.nio.file.Path;


import org.jvirt.Connection;
import org.jvirt.Domain;

/**
 * Run in a second JVM by {@link ReconnectTest}: {@code ReconnectMain CONF_DIR NAME} connects,
 * prints what it found, destroys the container and prints its state.
 */
public final class ReconnectMain {
    private ReconnectMain() {
    }

    public static void main(String[] args) {
        try (Connection c = LxcTestHost.connect(Path.of(args[0]))) {
            Domain d = c.lookupByName(args[1]);
            if (args.length > 2 && args[2].equals("start")) {
                d.start(); // and leave it running: closing the connection keeps the container
                System.out.println("started " + d.state().state());
                return;
            }
            System.out.println("found " + d.state().state() + " id=" + d.id().orElse(-1) + " persistent="
                    + d.isPersistent() + " vcpus=" + d.vcpuCount().currentLive().orElse(-1));
            d.destroy();
            System.out.println("after " + d.state().state() + " " + d.state().reason());
        }
    }
}
