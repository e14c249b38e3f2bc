package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvirt.Domain;

/**
 * Start latency of a container (define excluded; cgroup + namespaces + stage 2 until init is
 * about to run) against a bare {@code unshare --pid --fork --mount-proc --uts --ipc -- /bin/true}
 * in the same run. Prints the medians; asserts only a generous bound so a slow CI host passes.
 */
class StartBenchmarkTest extends RealContainerSupport {
    private static final int ROUNDS = 15;

    @BeforeAll
    static void setUp() throws Exception {
        host = LxcTestHost.create(Files.createTempDirectory("jvit-lxc-bench-"));
        cg = LxcTestHost.backend();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void containerStartAgainstBareUnshare() throws Exception {
        conn = host.connect();
        try {
            Domain d = define(name("bench"), "<vcpu>1</vcpu>", os("/bin/sleep", "1000"));
            d.start(); // warm-up: JNA, stage-2 install, cgroup parents
            d.destroy();
            long[] start = new long[ROUNDS];
            long[] destroy = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                long t0 = System.nanoTime();
                d.start();
                long t1 = System.nanoTime();
                d.destroy();
                start[i] = t1 - t0;
                destroy[i] = System.nanoTime() - t1;
            }
            long[] bare = new long[ROUNDS];
            List<String> argv = List.of("/usr/bin/unshare", "--pid", "--fork", "--mount-proc", "--uts", "--ipc", "--",
                    "/bin/true");
            for (int i = 0; i < ROUNDS; i++) {
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder(argv).start();
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
                bare[i] = System.nanoTime() - t0;
            }
            System.out.printf("lxc start median %.1f ms (min %.1f), destroy median %.1f ms; bare unshare median %.1f ms "
                    + "(min %.1f); %d rounds%n", median(start), min(start), median(destroy), median(bare), min(bare),
                    ROUNDS);
            assertThat(median(start)).isLessThan(2000);
        } finally {
            conn.close();
        }
    }

    private static double median(long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }

    private static double min(long[] ns) {
        return Arrays.stream(ns).min().orElse(0) / 1e6;
    }
}
