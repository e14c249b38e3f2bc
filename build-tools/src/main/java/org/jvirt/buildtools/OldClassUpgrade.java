package org.jvirt.buildtools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Raises the class files of a jar that are older than Java 6 (class file version below 50) to
 * Java 8, with stack map frames computed by ASM. The JVM's class-data sharing (the AppCDS archive
 * and the JDK 24+ ahead-of-time cache) leaves such old classes out, so without this every jvirsh
 * start loads them from the jar and runs the old, slow verifier on them; JDOM 2 is built for
 * Java 5. Only the version and the frames change, never an instruction. A class whose frames
 * cannot be computed (a super type missing from the jar, JSR/RET subroutines) stays as it was.
 *
 * <p>Usage: {@code OldClassUpgrade JAR}; the jar is rewritten in place (through a temporary file
 * moved over it, so a failure leaves the original).
 */
public final class OldClassUpgrade {
    /** Class files from this version (Java 6) on carry stack map frames and can be shared. */
    static final int FIRST_SHAREABLE_VERSION = 50;

    /** What an upgrade did: how many classes it raised and which old ones it had to leave. */
    public record Result(int upgraded, List<String> keptOld) {
        public Result {
            keptOld = List.copyOf(keptOld);
        }
    }

    private OldClassUpgrade() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: OldClassUpgrade JAR");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        Result r;
        try {
            r = upgrade(jar);
        } catch (IOException e) {
            System.err.println("error: cannot upgrade " + jar + ": " + e);
            System.exit(1);
            return;
        }
        System.out.printf("%s: %d old class files raised to Java 8%s%n", jar.getFileName(), r.upgraded(),
                r.keptOld().isEmpty() ? "" : ", " + r.keptOld().size() + " left old: " + r.keptOld());
    }

    public static Result upgrade(Path jar) throws IOException {
        Path tmp = Files.createTempFile(jar.toAbsolutePath().getParent(), jar.getFileName().toString(), ".tmp");
        int upgraded = 0;
        List<String> kept = new ArrayList<>();
        try (URLClassLoader types = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
             InputStream fin = Files.newInputStream(jar);
             ZipInputStream in = new ZipInputStream(fin);
             OutputStream fout = Files.newOutputStream(tmp);
             ZipOutputStream out = new ZipOutputStream(fout)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (isOldClass(e.getName(), bytes)) {
                    byte[] raised = raise(bytes, types);
                    if (raised != null) {
                        bytes = raised;
                        upgraded++;
                    } else {
                        kept.add(e.getName());
                    }
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Result(upgraded, kept);
    }

    static int majorVersion(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    private static boolean isOldClass(String name, byte[] bytes) {
        return name.endsWith(".class") && !name.startsWith("META-INF/") && bytes.length > 8
                && majorVersion(bytes) < FIRST_SHAREABLE_VERSION;
    }

    /** The class at Java 8 with computed frames, or null when its frames cannot be computed. */
    static byte[] raise(byte[] classFile, ClassLoader types) {
        try {
            ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
                @Override
                protected ClassLoader getClassLoader() {
                    return types;
                }
            };
            ClassVisitor toJava8 = new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public void visit(int version, int access, String name, String signature, String superName,
                                  String[] interfaces) {
                    super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
                }
            };
            new ClassReader(classFile).accept(toJava8, ClassReader.SKIP_FRAMES);
            return writer.toByteArray();
        } catch (RuntimeException | LinkageError e) {
            // TypeNotPresentException (a super type outside the jar), JSR/RET, or a class that
            // cannot be loaded: the class keeps its old version and is loaded as before
            return null;
        }
    }
}
