package org.jvirt.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block of README.md and docs/*.md compiles with {@code --release 17} (no preview
 * features, no warnings) against jvirt's API and runs without an exception against the test
 * driver, each in a JVM of its own; a block marked {@code compile-only} (one that needs a remote
 * daemon) is compiled only.
 */
class DocumentationExamplesTest {
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    /** The domain the snippets' {@code xml} holds, also the working directory's {@code web.xml}. */
    static final String WEB_XML = """
            <domain type='kvm'>
              <name>web</name>
              <memory unit='MiB'>512</memory>
              <vcpu placement='static' current='2'>4</vcpu>
              <iothreads>1</iothreads>
              <os><type arch='x86_64'>hvm</type></os>
            </domain>
            """;

    @TempDir
    Path work;

    static List<MarkdownBlock> javaBlocks() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<MarkdownBlock> blocks = new ArrayList<>();
        for (Path f : files) {
            MarkdownBlock.read(f).stream().filter(b -> b.language().equals("java")).forEach(blocks::add);
        }
        return blocks;
    }

    @TestFactory
    Stream<DynamicTest> everyJavaExampleCompilesAndRuns() throws IOException {
        List<MarkdownBlock> blocks = javaBlocks();
        assertThat(blocks).as("Java examples found in docs/").hasSizeGreaterThan(5);
        // only examples that need a host the build cannot have (a remote daemon) are left unrun
        assertThat(blocks.stream().filter(MarkdownBlock::compileOnly).map(b -> b.where(ROOT)))
                .allMatch(w -> w.startsWith("docs/remote.md") || w.startsWith("docs/jvirtd.md"));
        return blocks.stream().map(b -> DynamicTest.dynamicTest(b.where(ROOT), () -> compileAndRun(b)));
    }

    private void compileAndRun(MarkdownBlock block) throws Exception {
        String name = "Example_" + block.file().getFileName().toString().replaceAll("\\W", "_") + "_" + block.line();
        JavaExample example = JavaExample.of(block, name);
        Path dir = Files.createDirectories(work.resolve(name));
        Path src = Files.createDirectories(dir.resolve("src")).resolve(example.className() + ".java");
        Files.writeString(src, example.source());
        Path classes = Files.createDirectories(dir.resolve("classes"));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = javac.getTask(diagnostics, null, null, List.of("--release", "17", "-Xlint:all,-serial",
                "-Werror", "-classpath", classPath(), "-d", classes.toString()), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(src.toFile()))
                .call();
        assertThat(compiled).as("%s does not compile:%n%s%nas%n%s", block.where(ROOT), diagnostics,
                numbered(example.source())).isTrue();

        if (block.compileOnly()) {
            return;
        }
        Files.writeString(dir.resolve("web.xml"), WEB_XML);
        Path out = dir.resolve("output");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes + java.io.File.pathSeparator + classPath(), ExampleMain.class.getName(), example.className())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended).as("%s still runs after 60 s", block.where(ROOT)).isTrue();
        assertThat(p.exitValue()).as("%s failed:%n%s", block.where(ROOT), Files.readString(out)).isZero();
    }

    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static String numbered(String source) {
        StringBuilder s = new StringBuilder();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            s.append(String.format("%4d  %s%n", i + 1, lines[i]));
        }
        return s.toString();
    }
}
