package org.jvirt.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jvirt as a modular application uses it, with the module descriptors docs/api.md shows: on the
 * module path, with exactly the jars a user's build resolves for {@code jvirt-core} +
 * {@code jvirt-driver-test} (listed by the dependency plugin in {@code target/jvirt-runtime.path}),
 * no {@code --add-modules}, no SLF4J binding.
 */
class ModulePathTest {
    /** The modules of the test driver's default footprint: jvirt's own, JDOM2 and the SLF4J API. */
    static final List<String> FOOTPRINT = List.of("org.jdom2", "org.jvirt.conf", "org.jvirt.core",
            "org.jvirt.driver.test", "org.slf4j");

    /** What core exports to everyone (docs/api.md, "On the module path"). */
    static final List<String> API = List.of("org.jvirt", "org.jvirt.connect", "org.jvirt.error", "org.jvirt.event",
            "org.jvirt.host", "org.jvirt.model", "org.jvirt.pinning", "org.jvirt.spi", "org.jvirt.stats",
            "org.jvirt.tuning");

    static final String MAIN = """
            package hello;

            import java.lang.invoke.MethodHandles;

            import org.jvirt.Connection;
            import org.jvirt.Domain;
            import org.jvirt.Jvirt;

            public final class Main {
                public static void main(String[] args) throws Exception {
                    try (Connection conn = Jvirt.connect("test:///default")) {
                        for (Domain d : conn.listDomains()) {
                            System.out.println(d.name() + (d.isActive() ? ": active" : ": inactive"));
                        }
                    }
                    for (String internal : new String[] {"org.jvirt.state.StateDirs", "org.jvirt.xml.DomainXml"}) {
                        Class<?> c = Class.forName(internal);
                        try {
                            MethodHandles.lookup().accessClass(c);
                            System.out.println(internal + ": accessible");
                        } catch (IllegalAccessException e) {
                            System.out.println(internal + ": not accessible");
                        }
                    }
                }
            }
            """;

    /** Uses a class of an internal package: javac must refuse it. */
    static final String INTERNAL_USER = """
            package hello;

            import org.jvirt.state.StateDirs;

            public final class Internal {
                StateDirs dirs;
            }
            """;

    /** An application with its own injector: jvirt's Guice modules; Guice only where it is used. */
    static final String GUICE_MAIN = """
            package hello;

            import com.google.inject.Guice;
            import org.jvirt.Connection;
            import org.jvirt.connect.ConnectOptions;
            import org.jvirt.connect.ConnectionFactory;
            import org.jvirt.connect.JvirtBootstrap;

            public final class Injected {
                public static void main(String[] args) {
                    ConnectionFactory f = Guice.createInjector(JvirtBootstrap.modules()).getInstance(ConnectionFactory.class);
                    try (Connection conn = f.open("test:///default", ConnectOptions.DEFAULT)) {
                        System.out.println(f.schemes() + ": " + conn.listDomains().size() + " domain(s)");
                    }
                }
            }
            """;

    /** Guice and what it needs at run time (the test class path has them: guice is a test dependency). */
    static final List<String> GUICE = List.of("com.google.guice", "com.google.common", "failureaccess", "jakarta.inject",
            "aopalliance");

    static List<Path> runtime;
    /** The descriptors docs/api.md shows: an application's, then one with its own injector. */
    static String appModule;
    static String injectedModule;

    @TempDir
    Path work;

    @BeforeAll
    static void readDescriptorsAndRuntimePath() throws IOException {
        List<String> descriptors = MarkdownBlock.read(DocumentationExamplesTest.ROOT.resolve("docs/api.md")).stream()
                .filter(b -> b.language().equals("module-info")).map(MarkdownBlock::code).toList();
        assertThat(descriptors).as("module-info blocks of docs/api.md").hasSize(2);
        appModule = descriptors.get(0);
        injectedModule = descriptors.get(1);
        String listing = System.getProperty("jvirt.runtime.path");
        assertThat(listing).as("system property jvirt.runtime.path (set by the pom)").isNotNull();
        runtime = Arrays.stream(Files.readString(Path.of(listing)).trim().split(File.pathSeparator))
                .map(Path::of).toList();
    }

    @Test
    void theTestDriverNeedsOnlyJvirtJdom2AndTheSlf4jApi() throws IOException {
        Map<String, Long> modules = new TreeMap<>();
        for (Path p : runtime) {
            modules.put(moduleName(p), size(p));
        }
        long bytes = modules.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("jvirt-core + jvirt-driver-test: %d jars, %.2f MiB: %s%n", modules.size(),
                bytes / 1048576.0, modules.keySet());
        assertThat(modules.keySet()).as("modules of jvirt-core + jvirt-driver-test (no Guice, Guava, OSHI, JNA)")
                .containsExactlyElementsOf(FOOTPRINT);
    }

    @Test
    void coreExportsTheApiToEveryoneAndTheRestToJvirtOnly() {
        ModuleDescriptor core = descriptor("org.jvirt.core");
        assertThat(core.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source).sorted())
                .containsExactlyElementsOf(API);
        assertThat(core.exports().stream().filter(ModuleDescriptor.Exports::isQualified).flatMap(e -> e.targets().stream()))
                .allMatch(m -> m.startsWith("org.jvirt."));
        assertThat(core.uses()).containsExactly("org.jvirt.spi.DriverModule");
        ModuleDescriptor driver = descriptor("org.jvirt.driver.test");
        assertThat(driver.exports()).isEmpty();
        assertThat(driver.provides()).extracting(ModuleDescriptor.Provides::service)
                .containsExactly("org.jvirt.spi.DriverModule");
    }

    @Test
    void aModularApplicationConnectsListsAndCannotReachInternalPackages() throws Exception {
        compileModule(appModule, "Main", MAIN, runtime).assertCompiled();
        Run r = run(runtime, moduleName(appModule) + "/hello.Main");
        assertThat(r.stderr()).as("stderr of a run with nothing to report (no SLF4J binding: "
                + "jvirt starts SLF4J only when it logs)").isEmpty();
        assertThat(r.stdout()).isEqualTo("""
                test: active
                org.jvirt.state.StateDirs: not accessible
                org.jvirt.xml.DomainXml: not accessible
                """);
    }

    @Test
    void anApplicationInjectorWorksOnTheModulePath() throws Exception {
        List<Path> path = new ArrayList<>(runtime);
        path.addAll(guice());
        compileModule(injectedModule, "Injected", GUICE_MAIN, path).assertCompiled();
        Run r = run(path, moduleName(injectedModule) + "/hello.Injected");
        assertThat(r.stdout()).isEqualTo("[test]: 1 domain(s)\n");
    }

    @Test
    void javacRefusesAnInternalPackage() throws IOException {
        Compilation c = compileModule(appModule, "Internal", INTERNAL_USER, runtime);
        assertThat(c.compiled()).as("a module using org.jvirt.state compiles").isFalse();
        assertThat(c.diagnostics()).contains("package org.jvirt.state is declared in module org.jvirt.core, "
                + "which does not export it");
    }

    private static ModuleDescriptor descriptor(String module) {
        return ModuleFinder.of(runtime.toArray(Path[]::new)).find(module).orElseThrow().descriptor();
    }

    private static String moduleName(String descriptor) {
        Matcher m = Pattern.compile("module\\s+([\\w.]+)").matcher(descriptor);
        assertThat(m.find()).as("a module declaration in%n%s", descriptor).isTrue();
        return m.group(1);
    }

    private static String joined(List<Path> path) {
        return path.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static List<Path> guice() {
        List<Path> found = new ArrayList<>();
        for (String entry : System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && GUICE.contains(moduleName(p))) {
                found.add(p);
            }
        }
        assertThat(found).as("Guice's jars on the test class path").hasSize(GUICE.size());
        return found;
    }

    /** Runs {@code module/main} from the compiled module and {@code path}: no --add-modules, no class path. */
    private Run run(List<Path> path, String main) throws Exception {
        List<Path> modulePath = new ArrayList<>(path);
        modulePath.add(0, work.resolve("classes"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", joined(modulePath), "-m", main);
        Path out = work.resolve("stdout");
        Path err = work.resolve("stderr");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended).as("%s still runs after 60 s", command).isTrue();
        assertThat(p.exitValue()).as("%s failed:%n%s", command, Files.readString(err)).isZero();
        return new Run(Files.readString(out), Files.readString(err));
    }

    record Run(String stdout, String stderr) {
    }

    private static String moduleName(Path p) {
        List<ModuleReference> found = new ArrayList<>(ModuleFinder.of(p).findAll());
        assertThat(found).as("the module of %s", p).hasSize(1);
        return found.get(0).descriptor().name();
    }

    private static long size(Path p) throws IOException {
        try (Stream<Path> files = Files.walk(p)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** Compiles {@code descriptor} and {@code hello.<className>} into {@code classes} against {@code modulePath}. */
    private Compilation compileModule(String descriptor, String className, String source, List<Path> modulePath)
            throws IOException {
        Path src = work.resolve("src");
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<Path> sources = List.of(write(src.resolve("module-info.java"), descriptor),
                write(src.resolve("hello/" + className + ".java"), source));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        // requires-automatic: Guice is an automatic module
        boolean ok = javac.getTask(diagnostics, null, null, List.of("--release", "17", "-Xlint:all,-requires-automatic",
                "-Werror", "--module-path", joined(modulePath),
                // an in-process javac's default class path is this test's, which holds jvirt too
                "-classpath", classes.toString(), "-d", classes.toString()), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
                        .getJavaFileObjectsFromPaths(sources)).call();
        return new Compilation(ok, diagnostics.toString());
    }

    record Compilation(boolean compiled, String diagnostics) {
        void assertCompiled() {
            assertThat(compiled).as("does not compile:%n%s", diagnostics).isTrue();
        }
    }
}
