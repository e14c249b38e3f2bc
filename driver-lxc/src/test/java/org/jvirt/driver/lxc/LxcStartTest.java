package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.jvirt.Domain;

/**
 * The steps of a real container start that depend on the definition: the wait for init's exec
 * with {@code <inituser>} and {@code <idmap>}, and the host name.
 */
class LxcStartTest extends RealContainerCase {
    /** Each start is one chance for a start that returns early to be caught. */
    private static final int STARTS = 8;

    private static String cmdline(long pid) throws Exception {
        return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ').strip();
    }

    /** start() returns once PID 1 runs the init, also when it runs as another user. */
    @Test
    void startWithInitUserReturnsOnceInitRuns() throws Exception {
        String name = name("asuser");
        Domain d = conn.defineXml(xml(name, "<vcpu>1</vcpu>", "<os><type>exe</type><init>/bin/sleep</init>"
                + "<initarg>1000</initarg><inituser>nobody</inituser></os>", ""));
        for (int i = 0; i < STARTS; i++) {
            d.start();
            long pid = initPid(name);
            assertThat(cmdline(pid)).as("PID 1 once start() returned (start %d)", i).isEqualTo("/bin/sleep 1000");
            assertThat(procStatus(pid, "Uid")).startsWith("65534");
            d.destroy();
            assertNoTrace(name, pid);
        }
    }

    /** The same in a user namespace, where stage 2 becomes the namespace's root first. */
    @Test
    void startWithIdmapReturnsOnceInitRuns() throws Exception {
        Path root = LxcTestHost.idmappedBusyboxRoot(host.dir,
                host.dir.resolve("rootfs-wait-" + ProcessHandle.current().pid()));
        String name = name("userns");
        String fs = rootFs(root);
        Domain d = conn.defineXml(Defs.xml(name, "<vcpu>1</vcpu>", LxcTestHost.IDMAP, os("/bin/sleep", "1000"), fs));
        for (int i = 0; i < STARTS; i++) {
            d.start();
            long pid = initPid(name);
            assertThat(cmdline(pid)).as("PID 1 once start() returned (start %d)", i).isEqualTo("/bin/sleep 1000");
            d.destroy();
            assertNoTrace(name, pid);
        }
    }

    /** The host name is the domain name, whatever it looks like (here the option -V of hostname(1)). */
    @Test
    void hostNameIsTheDomainNameAlsoWhenItStartsWithADash() throws Exception {
        String name = "-V" + name("dash");
        Domain d = conn.defineXml(xml(name, "<vcpu>1</vcpu>", os("/bin/sleep", "1000"), ""));
        d.start();
        long pid = initPid(name);
        assertThat(inside(name, "hostname")).isEqualTo(name);
        d.destroy();
        assertNoTrace(name, pid);
    }

    /** ... also in a user namespace (where /proc/sys/kernel/hostname is the host's and hostname(1) refuses it). */
    @Test
    void hostNameInAUserNamespaceAlsoWhenItIsNoValidHostName() throws Exception {
        Path root = LxcTestHost.idmappedBusyboxRoot(host.dir,
                host.dir.resolve("rootfs-name-" + ProcessHandle.current().pid()));
        String name = "-V" + name("dash_\u00e9");
        String fs = rootFs(root);
        Domain d = conn.defineXml(Defs.xml(name, "<vcpu>1</vcpu>", LxcTestHost.IDMAP, os("/bin/sleep", "1000"), fs));
        d.start();
        long pid = initPid(name);
        assertThat(inside(name, "/bin/hostname")).isEqualTo(name);
        d.destroy();
        assertNoTrace(name, pid);
    }
}
