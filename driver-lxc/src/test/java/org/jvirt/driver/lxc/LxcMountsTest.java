package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The mounts that assemble a container's root, by namespace and root. */
class LxcMountsTest {
    private static final Path STAGE = Path.of("/run/j/c1.d/root");

    private static InitSpec spec(String root, boolean readonly, boolean net, boolean user) {
        return new InitSpec("/usr/bin/unshare", "/usr/bin/setpriv", "c1", UUID.randomUUID(), Path.of(root), readonly,
                new InitPlanner.RunFiles(Path.of("/run/j/ct-stage2"), Path.of("/run/j/c1.d"), Path.of("/run/j/c1.go")),
                net, user, "/sbin/init", List.of(), List.of(), "/", OptionalInt.empty(), OptionalInt.empty(),
                Optional.empty(), Optional.empty(), List.of());
    }

    private static List<String> targets(List<MountEntry> entries) {
        return entries.stream().map(e -> STAGE.relativize(e.target()).toString() + " " + e.type() + " "
                + String.join(",", e.options())).toList();
    }

    @Test
    void ownRootWithItsOwnNetwork() {
        LxcMounts.Plan p = LxcMounts.plan(spec("/srv/c1", true, true, false), e -> true,
                List.of(new MountEntry("jvirt-ram", STAGE.resolve("tmp"), "tmpfs", List.of("size=1024"))));
        assertThat(p.early().get(0)).isEqualTo(new MountEntry("/srv/c1", STAGE, "none", List.of("rbind", "ro")));
        assertThat(targets(p.early())).containsExactly(
                " none rbind,ro",
                "proc proc nosuid,nodev,noexec,X-mount.mkdir",
                "proc/sys/net/ipv4 none bind",
                "proc/sys/net/ipv6 none bind",
                "proc/sys none rbind,ro,nosuid,nodev,noexec",
                "proc/sysrq-trigger none bind,ro",
                "proc/irq none bind,ro",
                "proc/bus none bind,ro",
                "proc/fs none bind,ro",
                "sys sysfs ro,nosuid,nodev,noexec,X-mount.mkdir",
                "dev tmpfs mode=755,size=1024k,nosuid,X-mount.mkdir");
        assertThat(targets(p.late())).containsExactly(
                "dev/null none bind", "dev/zero none bind", "dev/full none bind", "dev/random none bind",
                "dev/urandom none bind", "dev/tty none bind",
                "dev/pts devpts newinstance,ptmxmode=0666,mode=0620",
                "dev/shm tmpfs mode=1777,nosuid,nodev",
                "tmp tmpfs size=1024");
        assertThat(p.late().get(0).source()).isEqualTo("/dev/null");
    }

    @Test
    void withoutAnOwnNetworkProcSysNetStaysReadOnly() {
        LxcMounts.Plan p = LxcMounts.plan(spec("/srv/c1", false, false, false),
                e -> !e.equals("sysrq-trigger"), List.of());
        assertThat(targets(p.early())).noneMatch(t -> t.startsWith("proc/sys/net"))
                .noneMatch(t -> t.startsWith("proc/sysrq-trigger")).contains("sys sysfs ro,nosuid,nodev,noexec,"
                        + "X-mount.mkdir");
        assertThat(p.early().get(0).options()).containsExactly("rbind");
    }

    @Test
    void sysfsWhereTheKernelGivesNone() {
        LxcMounts.Plan shared = LxcMounts.plan(spec("/", false, false, false), e -> true, List.of());
        assertThat(targets(shared.early())).contains("sys none bind,ro,nosuid,nodev,noexec,X-mount.mkdir");
        assertThat(shared.early().stream().filter(e -> e.target().equals(STAGE.resolve("sys"))).findFirst()
                .orElseThrow().source()).isEqualTo("/sys");
        LxcMounts.Plan userns = LxcMounts.plan(spec("/srv/c1", false, false, true), e -> true, List.of());
        assertThat(targets(userns.early())).contains("sys none rbind,ro,nosuid,nodev,noexec,X-mount.mkdir");
        LxcMounts.Plan usernsNet = LxcMounts.plan(spec("/srv/c1", false, true, true), e -> true,
                List.of());
        assertThat(targets(usernsNet.early())).contains("sys sysfs ro,nosuid,nodev,noexec,X-mount.mkdir");
    }
}
