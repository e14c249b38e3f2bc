package org.jvirt.driver.lxc;

import java.nio.file.Path;
import java.util.Map;

import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.DestroyOptions;
import org.jvirt.Domain;
import org.jvirt.SetVcpusOptions;
import org.jvirt.StartOptions;
import org.jvirt.connect.ConnectOptions;
import org.jvirt.connect.ConnectionFactory;
import org.jvirt.driver.lxc.linux.JnaCgroupDevicePrograms;
import org.jvirt.driver.lxc.linux.JnaNamespaceOps;
import org.jvirt.driver.lxc.linux.LxcKernel;
import org.jvirt.driver.lxc.linux.NamespaceOps;
import org.jvirt.linux.HostEnvironment;
import org.jvirt.spi.Environment;

/**
 * A jvirt process of {@link LxcCrashTest}, in its own JVM so that it can be killed at any point:
 * {@code LxcFaultMain CONF_DIR start|destroy|setvcpus NAME [N]} connects, prints {@code go}
 * right before the operation and {@code done MILLIS} after it.
 * {@code LxcFaultMain CONF_DIR stall-at pivot_root|sethostname NAME} starts the container with
 * the real kernel calls, but at that step of the start's handover prints {@code stalled PID}
 * (the init's host pid) and waits forever, to be killed there.
 */
public final class LxcFaultMain {
    private LxcFaultMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args[1].equals("stall-at")) {
            stallAt(Path.of(args[0]), args[2], args[3]);
            return;
        }
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

    private static void stallAt(Path confDir, String step, String name) {
        NamespaceOps real = new JnaNamespaceOps();
        NamespaceOps stalling = new NamespaceOps() {
            @Override
            public void pivotRoot(long pid, Path newRoot, String putOld) {
                stallIf(step.equals("pivot_root"), pid);
                real.pivotRoot(pid, newRoot, putOld);
            }

            @Override
            public void setHostName(long pid, String hostName) {
                stallIf(step.equals("sethostname"), pid);
                real.setHostName(pid, hostName);
            }
        };
        Environment env = Environment.of(Map.of("JVIRT_CONF_DIR", confDir.toString()));
        LxcDriverFactory factory = new LxcDriverFactory(env, HostEnvironment::system,
                () -> new LxcKernel(stalling, new JnaCgroupDevicePrograms()));
        try (Connection c = new ConnectionFactory(Map.of("lxc", factory), env).open("lxc:///system",
                ConnectOptions.DEFAULT)) {
            c.lookupByName(name).start(StartOptions.DEFAULT);
            System.out.println("done 0");
        }
    }

    private static void stallIf(boolean here, long pid) {
        if (!here) {
            return;
        }
        System.out.println("stalled " + pid);
        System.out.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
