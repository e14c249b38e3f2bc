package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalInt;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;

class InitPlannerTest {
    @TempDir
    Path root;
    @TempDir
    Path run;

    private InitPlanner.RunFiles files;

    @BeforeEach
    void rootfs() throws Exception {
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("etc"));
        Path bb = root.resolve("bin/busybox");
        Files.writeString(bb, "#!/bin/true\n");
        Files.setPosixFilePermissions(bb, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(root.resolve("bin/sh"), Path.of("busybox"));
        Files.writeString(root.resolve("bin/data"), "not executable");
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0::/:/bin/sh\napp:x:1000:1001::/:/bin/sh\n");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\nstaff:x:50:\n");
        files = new InitPlanner.RunFiles(run.resolve("ct-stage2"), run.resolve("c.d"), run.resolve("c.go"));
    }

    private String xml(String os, String devices) {
        return Defs.xml("c1", "<vcpu>1</vcpu>", "", "<os><type>exe</type>" + os + "</os>", devices);
    }

    private String rootFs() {
        return "<filesystem type='mount'><source dir='" + root + "'/><target dir='/'/></filesystem>";
    }

    private InitSpec plan(String os, String devices) {
        return InitPlanner.plan(Defs.parse(xml(os, devices)), "/usr/bin/unshare", "/usr/bin/setpriv", files);
    }

    private static void fails(Runnable r, String message) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void ownRootWithInitArgsEnvDirAndUser() {
        InitSpec s = plan("<init>/bin/sh</init><initarg>-c</initarg><initarg>sleep 9</initarg>"
                + "<initenv name='A'>b</initenv><initdir>/tmp</initdir><inituser>app</inituser>", rootFs());
        assertThat(s.rootSource()).isEqualTo(root);
        assertThat(s.init()).isEqualTo("/bin/sh");
        assertThat(s.initArgs()).containsExactly("-c", "sleep 9");
        assertThat(s.initEnv()).containsExactly(new InitSpec.EnvVar("A", "b"));
        assertThat(s.initDir()).isEqualTo("/tmp");
        assertThat(s.uid()).isEqualTo(OptionalInt.of(1000));
        assertThat(s.gid()).isEqualTo(OptionalInt.of(1001));
        assertThat(s.net()).isFalse();
        assertThat(s.user()).isFalse();
        assertThat(s.readonly()).isFalse();
    }

    @Test
    void initGroupByNameAndNumericUser() {
        InitSpec s = plan("<init>/bin/sh</init><inituser>7</inituser><initgroup>staff</initgroup>", rootFs());
        assertThat(s.uid()).isEqualTo(OptionalInt.of(7));
        assertThat(s.gid()).isEqualTo(OptionalInt.of(50));
        fails(() -> plan("<init>/bin/sh</init><inituser>nobody2</inituser>", rootFs()), "no user 'nobody2'");
    }

    @Test
    void sharedHostRootWhenNoRootFilesystem() {
        InitSpec s = plan("<init>/bin/sh</init>", "");
        assertThat(s.rootSource()).isEqualTo(Path.of("/"));
    }

    @Test
    void privnetAndInterfacesGiveANetworkNamespace() {
        String x = Defs.xml("c1", "<vcpu>1</vcpu>", "<features><privnet/></features>",
                "<os><type>exe</type><init>/bin/sh</init></os>", "");
        assertThat(InitPlanner.plan(Defs.parse(x), "u", "s", files).net()).isTrue();
        String y = xml("<init>/bin/sh</init>", "<interface type='network'><source network='default'/></interface>");
        assertThat(InitPlanner.plan(Defs.parse(y), "u", "s", files).net()).isTrue();
    }

    @Test
    void idmapGivesAUserNamespaceAndRootInside() {
        String x = Defs.xml("c1", "<vcpu>1</vcpu>", "", "<os><type>exe</type><init>/bin/sh</init></os>"
                + "<idmap><uid start='0' target='100000' count='65536'/><gid start='0' target='100000' "
                + "count='65536'/></idmap>", "");
        InitSpec s = InitPlanner.plan(Defs.parse(x), "u", "s", files);
        assertThat(s.user()).isTrue();
        assertThat(s.uid()).isEqualTo(OptionalInt.of(0));
        assertThat(IdMap.of(Defs.parse(x)).orElseThrow().uidMap()).isEqualTo("0 100000 65536\n");
    }

    @Test
    void missingInitIsAClearError() {
        fails(() -> plan("<init>/sbin/nosuch</init>", rootFs()),
                "init: '/sbin/nosuch' does not exist inside the container root '" + root + "'");
        fails(() -> plan("", rootFs()), "init: '/sbin/init' does not exist");
    }

    @Test
    void initOutsideTheRootIsRefused() throws Exception {
        // exists on the host, not in the container
        fails(() -> plan("<init>/usr/bin/env</init>", rootFs()), "does not exist inside the container root");
        fails(() -> plan("<init>/../../usr/bin/env</init>", rootFs()), "does not exist inside the container root");
        Files.createSymbolicLink(root.resolve("bin/escape"), Path.of("/../../usr/bin/env"));
        fails(() -> plan("<init>/bin/escape</init>", rootFs()), "does not exist inside the container root");
        fails(() -> plan("<init>bin/sh</init>", rootFs()), "must be an absolute path");
    }

    @Test
    void nonExecutableInitAndBadEnv() {
        fails(() -> plan("<init>/bin/data</init>", rootFs()), "is not an executable file");
        fails(() -> plan("<init>/bin</init>", rootFs()), "is not an executable file");
        fails(() -> plan("<init>/bin/sh</init><initenv name='1X'>v</initenv>", rootFs()), "not a valid variable");
        fails(() -> plan("<init>/bin/sh</init><initarg></initarg>", rootFs()), "must not be empty");
    }

    @Test
    void rootMustBeADirectory() {
        String bad = "<filesystem type='mount'><source dir='" + root.resolve("nosuch")
                + "'/><target dir='/'/></filesystem>";
        fails(() -> plan("<init>/bin/sh</init>", bad), "is not a directory");
        String other = "<filesystem type='mount'><source dir='/tmp'/><target dir='/data'/></filesystem>";
        fails(() -> InitPlanner.checkSupported(Defs.parse(xml("<init>/bin/sh</init>", other.replace("/tmp", "tmp")))),
                "source dir 'tmp' (target '/data') must be an absolute path on the host");
    }
}
