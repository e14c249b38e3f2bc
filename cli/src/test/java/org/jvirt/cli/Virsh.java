package org.jvirt.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * libvirt's own {@code virsh} on its in-process test driver ({@code -c test:///default}), the
 * reference jvirsh is compared with. Without virsh the tests that need it are skipped, except
 * under {@code CI=true}, where they fail (apt-get install libvirt-clients).
 */
final class Virsh {
    /** What one run printed and returned. */
    record Run(String stdout, String stderr, int status) {
    }

    private final Path binary;

    private Virsh(Path binary) {
        this.binary = binary;
    }

    static Virsh find() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "virsh");
            if (Files.isExecutable(p)) {
                return new Virsh(p);
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("virsh is not installed, but the tests against it must run in CI (apt-get install libvirt-clients)");
        }
        assumeTrue(false, "virsh is not installed (apt-get install libvirt-clients): tests against virsh skipped");
        return null;
    }

    /** {@code virsh -c test:///default ARGS} with {@code stdin}, in the C locale. */
    Run run(String stdin, String... args) {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "-c", "test:///default"));
        cmd.addAll(List.of(args));
        return exec(cmd, stdin);
    }

    /** Any command line, with virsh's environment (no default URI, the C locale). */
    static Run exec(List<String> cmd, String stdin) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("LIBVIRT_DEFAULT_URI");
        pb.environment().put("LC_ALL", "C");
        try {
            Process p = pb.start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            byte[] out = readAll(p.getInputStream());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(cmd.get(0) + " did not finish");
            }
            return new Run(new String(out, StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8),
                    p.exitValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What virsh printed on a pipe, without what it adds there: the banner, and each command
     * echoed after its prompt; trailing blank lines become one new line.
     */
    static String withoutBannerAndPrompts(String out) {
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

    private static byte[] readAll(java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
