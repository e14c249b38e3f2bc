package org.jvirt.linux.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.linux.FakeTicker;
import org.jvirt.linux.ProcFs;
import org.jvirt.linux.RecordingSignaller;

/** The primer moves its own thread into the group /proc says it is in, and nowhere else. */
class MigrationPrimerTest {
    @TempDir
    Path tmp;

    private ProcFs proc(String cgroupLines) throws IOException {
        Path procRoot = Files.createDirectories(tmp.resolve("fakeproc"));
        Files.createDirectories(procRoot.resolve("123/task/456"));
        Files.writeString(procRoot.resolve("123/task/456/cgroup"), cgroupLines);
        Files.createSymbolicLink(procRoot.resolve("thread-self"), Path.of("123/task/456"));
        return new ProcFs(procRoot);
    }

    private static CgroupBackend open(FakeCgroupTree t) {
        return CgroupBackends.open(CgroupMounts.detect(t.root()), Set.of(), Set.of(), new RecordingSignaller(),
                new FakeTicker());
    }

    /** The first non-empty content (the primer rewrites the file over and over: a second read may see it empty). */
    private static String awaitContent(Path file) throws InterruptedException {
        String content = read(file);
        for (int i = 0; i < 500 && content.isEmpty(); i++) {
            Thread.sleep(10);
            content = read(file);
        }
        return content;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void v1WritesItsThreadIdIntoTheTasksFileOfItsOwnGroup() throws Exception {
        FakeCgroupTree t = FakeCgroupTree.hybrid(tmp.resolve("host"));
        Path own = Files.createDirectories(t.root().resolve("sys/fs/cgroup/cpuset/system/agent"));
        ProcFs proc = proc("12:pids:/system/agent\n4:cpuset:/system/agent\n2:cpu,cpuacct:/system/agent\n0::/\n");
        try (MigrationPrimer.Session s = new MigrationPrimer(open(t), proc).keepWarm()) {
            assertThat(awaitContent(own.resolve("tasks"))).isEqualTo("456");
        }
    }

    @Test
    void v2WritesCgroupThreadsOfItsOwnGroup() throws Exception {
        FakeCgroupTree t = FakeCgroupTree.v2(tmp.resolve("host"), "cpuset cpu io memory pids");
        Path own = Files.createDirectories(t.root().resolve("sys/fs/cgroup/system.slice/agent.service"));
        ProcFs proc = proc("0::/system.slice/agent.service\n");
        try (MigrationPrimer.Session s = new MigrationPrimer(open(t), proc).keepWarm()) {
            assertThat(awaitContent(own.resolve("cgroup.threads"))).isEqualTo("456");
        }
    }

    @Test
    void aThreadInNoneOfTheBackendsHierarchiesWritesNothing() throws Exception {
        FakeCgroupTree t = FakeCgroupTree.v2(tmp.resolve("host"), "cpuset cpu io memory pids");
        ProcFs proc = proc("1:name=systemd:/x\n");
        try (MigrationPrimer.Session s = new MigrationPrimer(open(t), proc).keepWarm()) {
            Thread.sleep(50);
        }
        try (var files = Files.walk(t.root())) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("cgroup.threads"))
                    .filter(p -> !read(p).isEmpty())).isEmpty();
        }
    }
}
