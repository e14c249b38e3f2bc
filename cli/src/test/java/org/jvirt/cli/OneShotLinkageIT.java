package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a one-shot {@code list} through {@code bin/jvirsh} sets up beyond its own work
 * (docs/benchmarks.md, issue 13): no logging unless it logs, and on JDK 17, whose start-up archive
 * (AppCDS) keeps the classes of lambdas and method references but not their linkage, as few call
 * sites linked at run time as the URI allows: each calls its bootstrap method interpreted, and the
 * first sets up the JDK's method-handle machinery (about 9 ms). Each check has its counterpart that
 * does link or log ({@code -d}), so that it cannot pass by measuring nothing.
 */
class OneShotLinkageIT {
    /** A one-shot {@code list} on JDK 17 linked 138 call sites at run time on the test driver, then 62, 15, now none. */
    private static final int TEST_DRIVER_CALL_SITES = 0;
    /** ... on qemu:///system (in process, an empty state directory): 44, then 40, now 16. */
    private static final int QEMU_CALL_SITES = 16;
    /** ... on lxc:///system (in process, an empty state directory): 36, then 32, now 11. */
    private static final int LXC_CALL_SITES = 11;
    private static final String TRACE = "-Djava.lang.invoke.MethodHandle.TRACE_METHOD_LINKAGE=true";

    private static String jdk() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs {@code bin/jvirsh ARGS} (after a run that records its start-up cache when missing). */
    private static PackagedLauncherIT.Run run(Map<String, String> base, String opts, String uri, String... command)
            throws Exception {
        Map<String, String> env = new HashMap<>(base);
        PackagedLauncherIT.launcher(env, "-c", uri, "uri");
        env.put("JVIRSH_JAVA_OPTS", opts);
        String[] args = new String[command.length + 2];
        args[0] = "-c";
        args[1] = uri;
        System.arraycopy(command, 0, args, 2, command.length);
        PackagedLauncherIT.Run r = PackagedLauncherIT.launcher(env, args);
        assertThat(r.status()).as(r.stderr()).isZero();
        return r;
    }

    private static List<String> linked(PackagedLauncherIT.Run r) {
        return (r.stdout() + r.stderr()).lines()
                .filter(l -> l.startsWith("linkCallSite ") && !l.startsWith("linkCallSite =>")).toList();
    }

    /** Skips on a JDK with an AOT cache (24 and later), which keeps the call sites' linkage too. */
    private static void requireNoAotCache(Map<String, String> env) throws Exception {
        Map<String, String> printing = new HashMap<>(env);
        printing.put("JVIRSH_PRINT_JVM", "1");
        PackagedLauncherIT.Run printed = PackagedLauncherIT.launcher(printing, "-c", "test:///default");
        Assumptions.assumeFalse(printed.stdout().lines().anyMatch(o -> o.startsWith("-XX:AOTCache=")),
                "the JDK running the tests keeps an AOT cache, which holds the call sites' linkage");
    }

    /**
     * A one-shot that logs nothing binds no SLF4J (whose binding formats a message with
     * {@code String.format}: on JDK 17 its first use compiles regular expressions, whose character
     * classes are lambdas), on the launcher's JDK and on the JDK running the tests. With {@code -d}
     * the shell's route, set before SLF4J binds, is the one its first record takes: the debug lines.
     */
    @Test
    void aOneShotThatLogsNothingBindsNoLogging(@TempDir Path tmp) throws Exception {
        // classes initialised, not loaded: an AOT cache (JDK 24 and later) loads all it keeps at start
        for (Map<String, String> jdk : List.of(Map.<String, String>of(), Map.of("JVIRSH_JAVA", jdk()))) {
            Path quiet = tmp.resolve("quiet-" + jdk.size() + ".log");
            PackagedLauncherIT.Run r = run(jdk, "-Xlog:class+init=info:file=" + quiet, "test:///default", "list");
            assertThat(r.stdout()).contains(" 1    test   running");
            assertThat(r.stderr()).isEmpty();
            assertThat(Files.readAllLines(quiet)).as("classes initialised (%s)", jdk).hasSizeGreaterThan(300)
                    .noneMatch(l -> l.contains("'org/slf4j/LoggerFactory'"))
                    .noneMatch(l -> l.contains("'java/util/Formatter'"));

            Path logging = tmp.resolve("logging-" + jdk.size() + ".log");
            PackagedLauncherIT.Run d = run(jdk, "-Xlog:class+init=info:file=" + logging, "test:///default", "-d", "0",
                    "list");
            assertThat(d.stdout()).contains(" 1    test   running");
            assertThat(d.stderr()).contains("debug: Interpreter: command: list\n",
                    "debug: Session: connected to test:///default (TEST driver)\n");
            assertThat(Files.readAllLines(logging)).as("classes initialised (%s)", jdk)
                    .anyMatch(l -> l.contains("'org/slf4j/LoggerFactory'"));
        }
    }

    /**
     * On JDK 17 a one-shot {@code list} on the test driver links no call site at run time, so the
     * JDK's method-handle machinery is never set up; with {@code -d} (SLF4J bound) it is.
     */
    @Test
    void aOneShotListOnJdk17LinksNoCallSiteOnTheTestDriver(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("JVIRSH_JAVA", jdk());
        requireNoAotCache(env);
        Path loaded = tmp.resolve("classes.log");
        PackagedLauncherIT.Run r = run(env, TRACE + " -Xlog:class+load=info:file=" + loaded, "test:///default", "list");
        assertThat(r.stdout()).contains(" 1    test   running");
        assertThat(linked(r)).as("call sites linked at run time").hasSize(TEST_DRIVER_CALL_SITES);
        assertThat(Files.readAllLines(loaded)).as("classes loaded").hasSizeGreaterThan(500)
                .noneMatch(l -> l.contains(" java.lang.invoke.LambdaMetafactory "));

        PackagedLauncherIT.Run d = run(env, TRACE, "test:///default", "-d", "0", "list");
        assertThat(linked(d)).as("call sites linked at run time with -d").isNotEmpty();
    }

    /**
     * On JDK 17 a one-shot {@code list} on qemu:///system and lxc:///system (in process, their
     * state in a temporary directory) links few call sites: the drivers' own connection wiring.
     */
    @Test
    void aOneShotListOnJdk17LinksFewCallSitesOnTheHostDrivers(@TempDir Path tmp) throws Exception {
        PackagedLauncherIT.requireRootAndQemu("an in-process qemu:///system and lxc:///system list");
        Map<String, String> env = new HashMap<>(Map.of("JVIRSH_JAVA", jdk()));
        requireNoAotCache(env);
        Path conf = PackagedLauncherIT.userConf(tmp);
        env.put("JVIRT_CONF_DIR", conf.toString());
        for (Map.Entry<String, Integer> uri : Map.of("qemu:///system", QEMU_CALL_SITES, "lxc:///system", LXC_CALL_SITES)
                .entrySet()) {
            PackagedLauncherIT.Run r = run(env, TRACE, uri.getKey(), "list");
            assertThat(r.stdout()).as(uri.getKey()).contains(" Id   Name   State\n");
            assertThat(linked(r)).as("call sites linked at run time on %s", uri.getKey()).isNotEmpty()
                    .hasSizeLessThanOrEqualTo(uri.getValue());
        }
    }
}
