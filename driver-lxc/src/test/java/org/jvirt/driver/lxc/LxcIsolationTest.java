package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.jvirt.Domain;

/**
 * What container root can do to the host, tried by the container's own init (not through
 * nsenter, which runs with the caller's capabilities): the capabilities libvirt drops, the
 * read-only /proc files, the device rules, the minimal /dev, no way back to the host's root.
 */
class LxcIsolationTest extends RealContainerCase {
    private static final int CAP_SYS_MODULE = 16;
    private static final int CAP_SYS_ADMIN = 21;
    private static final int CAP_SYS_TIME = 25;
    private static final int CAP_MKNOD = 27;
    private static final int CAP_KILL = 5;

    /** Each attempt prints one line "what: result"; then init sleeps. */
    private static final String PROBE = String.join("; ",
            "(echo '|/bin/false' > /proc/sys/kernel/core_pattern) 2>/dev/null && echo core_pattern: written"
                    + " || echo core_pattern: refused",
            "(echo 0 > /proc/sys/net/ipv4/ip_forward) 2>/dev/null && echo ip_forward: written"
                    + " || echo ip_forward: refused",
            "mknod /dev/jvit-block b 7 0 2>/dev/null && echo mknod block: made || echo mknod block: refused",
            "mknod /dev/jvit-char c 1 3 2>/dev/null && echo mknod char: made || echo mknod char: refused",
            "head -c 64 /dev/zero > /dev/shm/jvit.ko; busybox insmod /dev/shm/jvit.ko 2>&1 | sed 's/^/insmod: /'",
            "grep -E '^Cap(Inh|Prm|Eff|Bnd|Amb)' /proc/self/status",
            "echo dev: $(ls -A /dev | grep -v '^jvit-' | sort | tr '\\n' ' ')",
            "echo done", "exec sleep 1000");

    /** Starts a container sharing the host's root with {@code features}, runs the probe; its output. */
    private String probe(String name, String features) throws Exception {
        Domain d = conn.defineXml(Defs.xml(name, "<vcpu>1</vcpu>", features, os("/bin/sh", "-c", PROBE), ""));
        d.start();
        return awaitDone(name);
    }

    private static long capabilities(String probe, String set) {
        return probe.lines().filter(l -> l.startsWith("Cap" + set + ":")).findFirst()
                .map(l -> Long.parseUnsignedLong(l.substring(7).strip(), 16)).orElseThrow();
    }

    private static boolean has(long caps, int cap) {
        return (caps & 1L << cap) != 0;
    }

    @Test
    void rootOfADefaultContainerCannotChangeTheHost() throws Exception {
        String name = name("default");
        String out = probe(name, "");
        assertThat(out).contains("core_pattern: refused", "ip_forward: refused", "mknod block: refused",
                "mknod char: refused");
        // without CAP_SYS_MODULE init_module(2) is refused; a kernel without module support (as on the
        // test machine) refuses it to everyone, so the bounding set below is what decides elsewhere
        assertThat(out).containsPattern("insmod: .*(Operation not permitted|does not support requested operation)");
        long bounding = capabilities(out, "Bnd");
        assertThat(has(bounding, CAP_SYS_MODULE)).as("CAP_SYS_MODULE").isFalse();
        assertThat(has(bounding, CAP_SYS_TIME)).as("CAP_SYS_TIME").isFalse();
        assertThat(has(bounding, CAP_MKNOD)).as("CAP_MKNOD").isFalse();
        assertThat(has(bounding, CAP_SYS_ADMIN)).as("CAP_SYS_ADMIN stays, as in libvirt").isTrue();
        assertThat(capabilities(out, "Eff")).isEqualTo(bounding);
        assertThat(capabilities(out, "Inh")).isZero();
        assertThat(capabilities(out, "Amb")).isZero();
        assertThat(out).contains("dev: fd full null ptmx pts random shm stderr stdin stdout tty urandom zero\n");
        long pid = initPid(name);
        String mounts = Files.readString(Path.of("/proc/" + pid + "/mountinfo"));
        assertThat(mounts).as("the host's root is detached").doesNotContain("jvirt-oldroot");
        assertThat(mounts.lines().filter(l -> l.split(" ")[4].equals("/proc/sys")).findFirst().orElseThrow())
                .contains(" ro,");
        assertThat(Files.readString(Path.of("/proc/" + pid + "/status"))).contains("CapBnd:\t" + String.format(
                "%016x", bounding));
    }

    @Test
    void capabilitiesTurnedOnComeBackAndTheDeviceRulesStillHold() throws Exception {
        String name = name("allowed");
        String out = probe(name, "<features><privnet/><capabilities policy='default'><mknod state='on'/>"
                + "<sys_module state='on'/><sys_admin state='off'/></capabilities></features>");
        long bounding = capabilities(out, "Bnd");
        assertThat(has(bounding, CAP_MKNOD)).isTrue();
        assertThat(has(bounding, CAP_SYS_MODULE)).isTrue();
        assertThat(has(bounding, CAP_SYS_ADMIN)).as("turned off").isFalse();
        assertThat(out).contains("mknod char: made").as("the cgroup's device rules refuse block devices")
                .contains("mknod block: refused");
        assertThat(out).as("its own network's settings are its own").contains("ip_forward: written")
                .contains("core_pattern: refused");
    }

    @Test
    void denyLeavesOnlyWhatIsTurnedOn() throws Exception {
        String out = probe(name("deny"), "<features><capabilities policy='deny'><kill/></capabilities></features>");
        assertThat(capabilities(out, "Bnd")).isEqualTo(1L << CAP_KILL);
        assertThat(capabilities(out, "Eff")).isEqualTo(1L << CAP_KILL);
        assertThat(out).contains("core_pattern: refused", "mknod char: refused");
    }

    @Test
    void aBadCapabilityPolicyIsRefusedAtDefine() {
        String name = name("badcaps");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> conn.defineXml(Defs.xml(name, "<vcpu>1</vcpu>",
                "<features><capabilities policy='default'><audit_read/></capabilities></features>",
                os("/bin/sleep", "1"), ""))).isInstanceOfSatisfying(org.jvirt.error.VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(org.jvirt.error.ErrorCode.CONFIG_UNSUPPORTED);
                    assertThat(e.getMessage()).contains("unexpected capability feature 'audit_read'");
                });
        assertThat(conn.listDomains()).noneMatch(d -> d.name().equals(name));
    }

    @Test
    void ownRootSeesOnlyItsMounts() throws Exception {
        long pid = initPid(startedInOwnRoot("own").name());
        List<String> points = Files.readAllLines(Path.of("/proc/" + pid + "/mountinfo")).stream()
                .map(l -> l.split(" ")[4]).toList();
        assertThat(points).containsExactlyInAnyOrder("/", "/proc", "/proc/sys", "/proc/irq", "/proc/bus", "/proc/fs",
                "/sys", "/dev", "/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/tty",
                "/dev/pts", "/dev/shm");
    }
}
