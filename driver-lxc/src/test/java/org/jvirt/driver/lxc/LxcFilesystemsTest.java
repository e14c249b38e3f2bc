package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.model.DomainDef;

/** The non-root filesystems of a container: what is refused, and where each is mounted. */
class LxcFilesystemsTest {
    @TempDir
    Path tmp;

    private Path root;
    private Path host;
    private final Path stage = Path.of("/run/j/c1.d/root");

    @BeforeEach
    void trees() throws Exception {
        root = Files.createDirectories(tmp.resolve("rootfs"));
        Files.createDirectories(root.resolve("srv/www"));
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/app.conf"), "x");
        Files.createSymbolicLink(root.resolve("data"), Path.of("/srv/www"));
        Files.createSymbolicLink(root.resolve("sneaky"), Path.of("/proc/sys"));
        host = Files.createDirectories(tmp.resolve("host data"));
        Files.writeString(tmp.resolve("app.conf"), "y");
    }

    private static DomainDef def(String filesystems) {
        return Defs.parse(Defs.xml("c1", "<vcpu>1</vcpu>", "", "<os><type>exe</type><init>/bin/sh</init></os>",
                filesystems));
    }

    private List<MountEntry> mounts(String filesystems, boolean readonly) {
        return LxcFilesystems.mounts(def(filesystems), root, readonly, stage);
    }

    private static String fs(String type, String source, String target, String extra) {
        return "<filesystem type='" + type + "'>" + source + "<target dir='" + target + "'/>" + extra + "</filesystem>";
    }

    private static String dir(String d) {
        return "<source dir='" + d + "'/>";
    }

    private void fails(String filesystems, ErrorCode code, String message) {
        assertThatThrownBy(() -> mounts(filesystems, false)).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void hostDirectoriesAtAnyTargetReadOnlyWhenAsked() {
        List<MountEntry> m = mounts(fs("mount", dir(host.toString()), "/srv/www", "<readonly/>")
                + fs("mount", dir(host.toString()), "/opt/new/place", ""), false);
        assertThat(m.get(0)).isEqualTo(new MountEntry(host.toString(), stage.resolve("srv/www"), "none",
                List.of("bind", "ro")));
        assertThat(m.get(1)).as("a missing target directory is made").isEqualTo(new MountEntry(host.toString(),
                stage.resolve("opt/new/place"), "none", List.of("bind", "X-mount.mkdir")));
        assertThat(m.get(0).line()).startsWith(host.toString().replace(" ", "\\040") + " ");
    }

    @Test
    void linksInTheTargetAreFollowedInsideTheContainer() {
        List<MountEntry> m = mounts(fs("mount", dir(host.toString()), "/data", ""), false);
        assertThat(m.get(0).target()).isEqualTo(stage.resolve("srv/www"));
    }

    @Test
    void aFileOntoAFileAndABindFromInsideTheContainer() {
        List<MountEntry> m = mounts(fs("mount", dir(tmp.resolve("app.conf").toString()), "/etc/app.conf", "")
                + fs("bind", dir("/srv/www"), "/mnt/www", "<readonly/>"), false);
        assertThat(m.get(0)).isEqualTo(new MountEntry(tmp.resolve("app.conf").toString(),
                stage.resolve("etc/app.conf"), "none", List.of("bind")));
        assertThat(m.get(1)).isEqualTo(new MountEntry(root.resolve("srv/www").toString(), stage.resolve("mnt/www"),
                "none", List.of("bind", "ro", "X-mount.mkdir")));
    }

    @Test
    void ramIsATmpfsOfTheGivenSize() {
        List<MountEntry> m = mounts(fs("ram", "<source usage='2' units='MiB'/>", "/scratch", "")
                + fs("ram", "<source usage='512'/>", "/scratch/small", "<readonly/>"), false);
        assertThat(m.get(0)).isEqualTo(new MountEntry("jvirt-ram", stage.resolve("scratch"), "tmpfs",
                List.of("size=2097152", "nosuid", "nodev", "X-mount.mkdir")));
        assertThat(m.get(1).target()).as("inside the earlier one, by name").isEqualTo(stage.resolve("scratch/small"));
        assertThat(m.get(1).options()).containsExactly("size=524288", "nosuid", "nodev", "ro", "X-mount.mkdir");
    }

    @Test
    void badTargetsAreRefused() {
        String src = dir(host.toString());
        fails(fs("mount", src, "data", ""), ErrorCode.CONFIG_UNSUPPORTED,
                "target dir 'data' must be an absolute path inside the container");
        fails(fs("mount", src, "/srv/../../etc", ""), ErrorCode.CONFIG_UNSUPPORTED, "must not contain '..'");
        fails(fs("mount", src, "/proc/sys/kernel", ""), ErrorCode.CONFIG_UNSUPPORTED, "inside /proc, which jvirt");
        fails(fs("mount", src, "/dev", ""), ErrorCode.CONFIG_UNSUPPORTED, "inside /dev");
        fails(fs("mount", src, "/sneaky/x", ""), ErrorCode.CONFIG_UNSUPPORTED, "leads to /proc/sys/x");
        fails(fs("mount", src, "/m", "") + fs("ram", "<source usage='1'/>", "/m/", ""),
                ErrorCode.CONFIG_UNSUPPORTED, "two filesystems have the target '/m/'");
        fails(fs("mount", src, "/etc/app.conf", ""), ErrorCode.CONFIG_UNSUPPORTED,
                "target '/etc/app.conf' is a file inside the container, the source a directory");
    }

    @Test
    void badSourcesAreRefused() {
        fails(fs("mount", dir(tmp.resolve("nosuch").toString()), "/x", ""), ErrorCode.CONFIG_UNSUPPORTED,
                "source dir '" + tmp.resolve("nosuch") + "' (target '/x') does not exist on the host");
        fails(fs("mount", dir("relative/dir"), "/x", ""), ErrorCode.CONFIG_UNSUPPORTED,
                "must be an absolute path on the host");
        fails(fs("mount", "", "/x", ""), ErrorCode.CONFIG_UNSUPPORTED, "needs <source dir='...'/>");
        fails(fs("bind", dir("/nosuch"), "/x", ""), ErrorCode.CONFIG_UNSUPPORTED,
                "does not exist inside the container root");
        fails(fs("ram", "", "/x", ""), ErrorCode.XML_INVALID, "missing 'usage' attribute");
        fails(fs("ram", "<source usage='0'/>", "/x", ""), ErrorCode.CONFIG_UNSUPPORTED, "at least 1 KiB");
        fails(fs("block", "<source dev='/dev/sda'/>", "/x", ""), ErrorCode.CONFIG_UNSUPPORTED,
                "type 'block' (target '/x') is not supported for containers (mount, bind or ram)");
        fails(fs("mount", "<source dir='" + host + "'/>", "/x", "").replace("type='mount'",
                "type='mount' accessmode='mapped'"), ErrorCode.CONFIG_UNSUPPORTED, "accessmode 'mapped'");
    }

    @Test
    void aReadOnlyRootNeedsItsTargetsToExist() {
        assertThatThrownBy(() -> mounts(fs("mount", dir(host.toString()), "/new", ""), true))
                .hasMessageContaining("target dir '/new' does not exist in the read-only container root");
        assertThat(mounts(fs("mount", dir(host.toString()), "/etc", ""), true)).hasSize(1);
    }
}
