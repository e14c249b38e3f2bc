package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real clients the tests drive (virsh, python3-libvirt, jvirsh in its own JVM), found or
 * skipped with a reason, except under CI=true, where a missing one fails the test.
 */
final class Tools {
    static final String PYTHON = "/usr/bin/python3";

    private Tools() {
    }

    static void require(boolean present, String what, String install) {
        if (present) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(what + " is missing, but these tests must run in CI (" + install + ")");
        }
        assumeTrue(false, what + " is missing (" + install + "): skipped");
    }

    static Path virsh() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "virsh");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        require(false, "virsh", "apt-get install libvirt-clients");
        return null;
    }

    static void requirePythonLibvirt() {
        boolean ok;
        try {
            ok = Files.isExecutable(Path.of(PYTHON))
                    && run(List.of(PYTHON, "-c", "import libvirt"), "", Map.of(), 30).status() == 0;
        } catch (IOException e) {
            ok = false;
        }
        require(ok, "python3-libvirt", "apt-get install python3-libvirt");
    }

    static void requireRoot() {
        require("root".equals(System.getProperty("user.name")), "root", "run the tests as root");
    }

    /** A finished process: exit status, standard output, standard error. */
    record Result(int status, String out, String err) {
    }

    static Result run(List<String> cmd, String stdin, Map<String, String> env, int timeoutSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("LIBVIRT_DEFAULT_URI");
        pb.environment().put("LC_ALL", "C");
        pb.environment().putAll(env);
        Path errFile = Files.createTempFile("jvirtd-test", ".err");
        pb.redirectError(errFile.toFile());
        Process p = pb.start();
        try {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(cmd + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(errFile));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(errFile);
        }
    }

    /** jvirsh in a JVM of its own, on this test's class path (the cli and every driver). */
    static List<String> jvirsh(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "org.jvirt.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** A command file of the test resources ({@code /DIR/NAME}), {@code @DIR@} replaced by its directory. */
    static String commands(String dir, String name) throws Exception {
        Path res = Path.of(Tools.class.getResource("/" + dir + "/" + name).toURI());
        return Files.readString(res).replace("@DIR@", res.getParent().toString());
    }

    private static final java.util.regex.Pattern RUN_SPECIFIC =
            java.util.regex.Pattern.compile("(?m)^(Id:|CPU time:).*\\n");
    private static final java.util.regex.Pattern VIRSH_ONLY =
            java.util.regex.Pattern.compile("(?m)^Managed save:.*\\n");

    /**
     * Output of a scenario on real domains, without what differs between two runs (ids, CPU time)
     * and the dominfo line only virsh prints (Managed save: data jvirt does not have).
     */
    static String comparable(String out) {
        return RUN_SPECIFIC.matcher(VIRSH_ONLY.matcher(out).replaceAll("")).replaceAll("")
                .replaceAll("(?m)^ \\d+(\\s+jvit)", " N$1").replaceAll(" id='\\d+'", "").replaceAll("\\n+$", "\n");
    }

    /** virsh on a pipe prints a banner and echoes each command after its prompt: both dropped. */
    static String virshOutput(String out) {
        StringBuilder kept = new StringBuilder();
        boolean banner = true;
        for (String line : out.split("\n", -1)) {
            if (banner) {
                banner = !line.startsWith("virsh # ");
                if (banner) {
                    continue;
                }
            }
            if (!line.startsWith("virsh # ")) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString().replaceAll("\\n+$", "\n");
    }
}
