package org.jvirt.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** jvirsh's own options (before the command), as virsh's. */
@Command(name = "jvirsh", separator = "=")
public final class GlobalOptions {
    @Option(names = {"-c", "--connect"}, paramLabel = "URI", description = "hypervisor connection URI")
    String uri;

    @Option(names = {"-d", "--debug"}, description = "print stack traces of errors")
    boolean debug;

    @Option(names = {"-q", "--quiet"}, description = "quiet mode")
    boolean quiet;

    @Option(names = {"-r", "--readonly"}, description = "connect readonly")
    boolean readOnly;

    @Option(names = {"-t", "--timing"}, description = "print timing information")
    boolean timing;

    @Option(names = {"-h", "--help"}, description = "this help")
    boolean help;

    @Option(names = {"-v", "-V", "--version"}, description = "version")
    boolean version;

    @Parameters(description = "a command string, or a command and its arguments")
    List<String> command = new ArrayList<>();

    public String uri() {
        return uri;
    }

    public boolean debug() {
        return debug;
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public boolean timing() {
        return timing;
    }

    public List<String> command() {
        return command;
    }
}
