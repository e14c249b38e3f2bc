package org.jvirt.driver.lxc;

import java.nio.file.Path;


import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.DestroyOptions;
import org.jvirt.Domain;
import org.jvirt.SetVcpusOptions;
import org.jvirt.StartOptions;

/**
 * A jvirt process of {@link LxcCrashTest}, in its own JVM so that it can be killed at any point:
 * {@code LxcFaultMain CONF_DIR start|destroy|setvcpus NAME [N]} connects, prints {@code go}
 * right before the operation and {@code done MILLIS} after it.
 */
public final class LxcFaultMain {
    private LxcFaultMain() {
    }

    public static void main(String[] args) {
        try (Connection c = LxcTestHost.connect(Path.of(args[0]))) {
            Domain d = c.lookupByName(args[2]);
            System.out.println("go");
            System.out.flush();
            long t0 = System.nanoTime();
            switch (args[1]) {
                case "start" -> d.start(StartOptions.DEFAULT);
                case "destroy" -> d.destroy(DestroyOptions.DEFAULT);
                case "setvcpus" -> d.setVcpus(Integer.parseInt(args[3]), SetVcpusOptions.of(Affect.LIVE));
                default -> throw new IllegalArgumentException(args[1]);
            }
            System.out.println("done " + (System.nanoTime() - t0) / 1_000_000);
            System.out.flush();
        }
    }
}
