package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;

/** A container's own filesystems, mounted for real and used by its init; bad ones refused at start. */
class LxcFilesystemRealTest extends RealContainerCase {
    private static String fs(String type, String source, String target, boolean readonly) {
        return "<filesystem type='" + type + "'>" + source + "<target dir='" + target + "'/>"
                + (readonly ? "<readonly/>" : "") + "</filesystem>";
    }

    private static String dir(Object d) {
        return "<source dir='" + d + "'/>";
    }

    @Test
    void hostDirectoriesFilesRamAndInnerBindsAreMountedWhereAsked() throws Exception {
        Path root = LxcTestHost.busyboxRoot(host.dir.resolve("rootfs-fs-" + ProcessHandle.current().pid()));
        Files.createDirectories(root.resolve("srv/www"));
        Files.writeString(root.resolve("srv/www/index.html"), "inner\n");
        Files.writeString(root.resolve("etc/app.conf"), "from the root\n");
        Path data = Files.createDirectories(host.dir.resolve("data dir"));
        Path conf = Files.createDirectories(host.dir.resolve("conf"));
        Files.writeString(conf.resolve("marker"), "read-only host dir\n");
        Path appConf = Files.writeString(host.dir.resolve("app.conf"), "from the host\n");
        String name = name("fs");
        String script = String.join("; ",
                "echo hello > /var/data/rw.txt && echo rw: written || echo rw: refused",
                "(echo x > /conf/new.txt) 2>/dev/null && echo ro: written || echo ro: refused",
                "echo conf: $(cat /conf/marker)",
                "echo app: $(cat /etc/app.conf)",
                "echo www: $(cat /www/index.html)",
                "echo scratch > /scratch/f && echo ram: written",
                "busybox grep ' /scratch ' /proc/self/mountinfo | busybox sed 's/^.* - /ram: /'",
                "echo done", "exec sleep 1000");
        String devices = rootFs(root)
                + fs("mount", dir(data), "/var/data", false)
                + fs("mount", dir(conf), "/conf", true)
                + fs("mount", dir(appConf), "/etc/app.conf", true)
                + fs("bind", dir("/srv/www"), "/www", true)
                + fs("ram", "<source usage='2' units='MiB'/>", "/scratch", false);
        Domain d = conn.defineXml(xml(name, "<vcpu>1</vcpu>", os("/bin/sh", "-c", script), devices));
        d.start();
        String out = awaitDone(name);
        assertThat(out).contains("rw: written", "ro: refused", "conf: read-only host dir", "app: from the host",
                "www: inner", "ram: written");
        assertThat(out).containsPattern("ram: tmpfs jvirt-ram rw,.*size=2048k");
        assertThat(Files.readString(data.resolve("rw.txt"))).isEqualTo("hello\n");
        assertThat(conf.resolve("new.txt")).doesNotExist();
        assertThat(root.resolve("var/data")).as("the missing target was made").isDirectory();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).as("the host sees none of it")
                .doesNotContain(root.toString());
        long pid = initPid(name);
        d.destroy();
        assertNoTrace(name, pid);
    }

    @Test
    void badFilesystemsAreRefusedAtStartAndLeaveNothing() throws Exception {
        Path root = LxcTestHost.busyboxRoot(host.dir.resolve("rootfs-badfs-" + ProcessHandle.current().pid()));
        List<String> before;
        try (Stream<Path> s = Files.walk(root)) {
            before = s.map(Path::toString).sorted().toList();
        }
        String rootFs = rootFs(root);
        Path data = Files.createDirectories(host.dir.resolve("data-bad"));
        String[][] cases = {
            {fs("mount", dir(host.dir.resolve("nosuch")), "/new/a", false), "does not exist on the host"},
            {fs("mount", dir(data), "new/b", false), "must be an absolute path inside the container"},
            {fs("mount", dir(data), "/new/../../c", false), "must not contain '..'"},
            {fs("mount", dir(data), "/proc/sys/d", false), "inside /proc, which jvirt mounts itself"},
            {fs("ram", "", "/new/e", false), "missing 'usage' attribute"},
        };
        for (String[] c : cases) {
            String name = name("badfs");
            Domain d = conn.defineXml(xml(name, "<vcpu>1</vcpu>", os("/bin/sleep", "1000"), rootFs + c[0]));
            assertThatThrownBy(d::start).isInstanceOf(VirtException.class).hasMessageContaining(c[1])
                    .satisfies(e -> assertThat(((VirtException) e).code()).isIn(ErrorCode.CONFIG_UNSUPPORTED,
                            ErrorCode.XML_INVALID));
            assertThat(d.state().state()).isEqualTo(DomainState.SHUTOFF);
            assertNoTrace(name, 0);
        }
        try (Stream<Path> s = Files.walk(root)) {
            assertThat(s.map(Path::toString).sorted().toList()).as("nothing made in the root").isEqualTo(before);
        }
    }
}
