package org.jvirt.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.jvirt.StateReason;
import org.jvirt.event.DomainEvent;
import org.jvirt.model.CpuSet;

/**
 * Every command's output, byte for byte, against golden files made from runs on the real
 * test:///default (formats observed on virsh 9.0; see docs/jvirsh.md#vcpus-and-pinning for the pin tables).
 */
class GoldenTest {
    private static final String U = "test:///default";
    private static final UUID TEST = UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f");

    /** One case: its golden file name, stdin, and the arguments ({@code @XML@} = fixture dir). */
    record Case(String name, String stdin, boolean events, List<String> args) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name, String... args) {
        return new Case(name, "", false, List.of(args));
    }

    static Case cmd(String name, String commandString) {
        return c(name, "-c", U, commandString);
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>(List.of(
                // shell and help
                cmd("help-all", "help"),
                cmd("help-vcpupin", "help vcpupin"),
                cmd("help-echo-uri-domid", "help echo; help uri; help --command domid"),
                cmd("help-group", "help domain; help virsh"),
                cmd("help-unknown", "help bogus"),
                cmd("echo", "echo hello world; echo 'a b'  c \"x\\\"y\" e\\;f 'q\\r'; echo a#b #c"),
                cmd("echo-escapes", "echo --shell \"a b\" c \"it's\"; echo --xml '<a>&'; echo --split a,b,,c; echo --err hi"),
                c("echo-quiet", "-q", "echo a"),
                // host
                cmd("version", "version"),
                cmd("uri-hostname", "uri; hostname"),
                cmd("nodeinfo", "nodeinfo"),
                cmd("capabilities", "capabilities"),
                // list and domain info
                cmd("list", "list; list --all; list --inactive"),
                cmd("list-filters", "define @XML@/d1.xml; list --all; list --inactive; list --name --all; list --uuid; "
                        + "list --id --uuid --name --all; list --id; list --state-shutoff; list --state-running "
                        + "--state-paused; list --state-other; list --persistent --all; list --transient --all"),
                cmd("list-table-name", "list --table --name"),
                c("quiet-tables", "-q", "-c", U, "list --all; vcpupin test; emulatorpin test; iothreadinfo test; "
                        + "vcpucount test; dominfo test"),
                cmd("dominfo", "dominfo test; define @XML@/d1.xml; dominfo d1"),
                cmd("domstate", "domstate test; domstate test --reason; domstate 1; domstate " + TEST
                        + "; domstate nosuch"),
                cmd("domid-domname-domuuid", "domid test; domid " + TEST + "; domname 1; domuuid 1; domuuid test; "
                        + "define @XML@/d1.xml; domid d1; domname test"),
                cmd("domid-by-id-fails", "domid 1"),
                cmd("dumpxml", "dumpxml test; dumpxml --inactive --domain test; dumpxml nosuch"),
                // lifecycle
                cmd("lifecycle", "suspend test; domstate --reason test; resume test; domstate test --reason; "
                        + "destroy test; domstate test --reason; start test; domstate test --reason; list; "
                        + "shutdown 2; domstate test --reason; start test --paused; domstate test --reason; "
                        + "resume " + TEST + "; reboot test"),
                cmd("lifecycle-errors", "start test; resume test; destroy test; destroy test; suspend test; "
                        + "shutdown nosuch"),
                cmd("define-undefine", "define @XML@/d1.xml; start d1; list; undefine d1; list --all; destroy d1; "
                        + "list --all; undefine test; list --all --persistent"),
                cmd("create", "create @XML@/d1.xml --paused; domstate d1 --reason; list --transient; destroy d1; "
                        + "list --all"),
                cmd("define-warnings", "define @XML@/warned.xml --validate; create @XML@/warned.xml --validate; "
                        + "define @XML@/warned.xml; list --all --name"),
                cmd("define-errors", "define @XML@/nonexistent.xml; define @XML@/bad.xml; define @XML@"),
                c("readonly", "-r", "-c", U, "destroy test; list"),
                // pinning
                cmd("vcpupin", "vcpupin test; vcpupin test 1; vcpupin test --vcpu 0; vcpupin --domain=test --vcpu=1; "
                        + "vcpupin test 1 0-1; vcpupin test; vcpupin test 0 r; vcpupin test"),
                cmd("vcpupin-errors", "vcpupin test 5; vcpupin test abc; vcpupin test -1; vcpupin test 1 99; "
                        + "vcpupin test 1 0,^0; vcpupin test 1 0-2000; vcpupin test --cpulist 0; "
                        + "vcpupin test 1 0 --live --current; vcpupin test --live --config"),
                cmd("vcpupin-config", "define @XML@/d1.xml; vcpupin d1; vcpupin d1 3; vcpupin d1 7; vcpupin d1 --live; "
                        + "vcpupin d1 0 5 --config; vcpupin d1 --config"),
                cmd("vcpupin-explain", "vcpupin test --explain; vcpupin test 1 3; vcpupin test --explain; "
                        + "define @XML@/d1.xml; vcpupin d1 --explain; vcpupin d1 --explain --cpulist 1"),
                cmd("emulatorpin", "emulatorpin test; emulatorpin test 2-3; emulatorpin test; emulatorpin test --cpulist r;"
                        + " emulatorpin test; emulatorpin test --live --config; define @XML@/d1.xml; emulatorpin d1;"
                        + " emulatorpin d1 --live"),
                cmd("iothread", "iothreadinfo test; iothreadpin test 1 0; define @XML@/d1.xml; iothreadinfo d1; "
                        + "start d1; iothreadpin d1 2 5; iothreadinfo d1; iothreadinfo d1 --config; "
                        + "iothreadpin d1 x 0; iothreadinfo d1 --live --config"),
                cmd("vcpucount", "vcpucount test; vcpucount test --maximum; vcpucount test --active; "
                        + "vcpucount test --live; vcpucount test --config; vcpucount test --current; "
                        + "vcpucount test --maximum --active; vcpucount test --guest; vcpucount test --live --config"),
                cmd("vcpucount-inactive", "define @XML@/d1.xml; vcpucount d1; vcpucount d1 --active; "
                        + "vcpucount d1 --maximum; vcpucount d1 --live"),
                cmd("vcpuinfo", "vcpuinfo test; vcpuinfo test --pretty; define @XML@/d1.xml; vcpuinfo d1; "
                        + "vcpuinfo d1 --pretty; start d1; vcpuinfo d1"),
                cmd("setvcpus", "define @XML@/d1.xml; start d1; setvcpus d1 3; vcpucount d1; setvcpus d1 4 --config; "
                        + "vcpucount d1; setvcpus d1 5 --maximum --config; vcpucount d1; setvcpus d1 1 --maximum; "
                        + "setvcpus d1 0; setvcpus d1 9; setvcpus d1 abc; setvcpus d1 2 --guest"),
                cmd("setvcpu", "define @XML@/d1.xml; start d1; setvcpu d1 3 --enable; vcpucount d1; "
                        + "vcpuinfo d1 --pretty; setvcpu d1 1 --disable --config; vcpucount d1; setvcpu d1 1; "
                        + "setvcpu d1 1 --enable --disable; setvcpu d1 x --enable"),
                cmd("driver-commands", "domxml-to-native qemu-argv @XML@/d1.xml; lxc-enter-namespace test -- /bin/true; "
                        + "domxml-to-native qemu-argv --domain test; domxml-to-native qemu-argv; "
                        + "domxml-to-native qemu-argv --domain test --xml @XML@/d1.xml"),
                cmd("parse-missing-argv", "uri; lxc-enter-namespace test"),
                // virsh's options for what jvirt has not (snapshots, managed save, storage pools, NVRAM files)
                cmd("list-virsh-filters", "define @XML@/disks.xml; list --all --title; list --title --name --all; "
                        + "list --with-snapshot --all; list --without-snapshot; list --with-checkpoint --all; "
                        + "list --autostart --all; list --no-autostart --all; list --autostart --no-autostart; "
                        + "list --with-managed-save --all; list --without-managed-save --all; list --managed-save --all"),
                cmd("undefine-options", "undefine test --storage vda; undefine test --wipe-storage; "
                        + "undefine test --nvram --keep-nvram; define @XML@/disks.xml; undefine disks --nvram; "
                        + "undefine disks --storage hdc,nosuch --keep-nvram; undefine disks --remove-all-storage --wipe-storage "
                        + "--keep-nvram --managed-save --snapshots-metadata --checkpoints-metadata --keep-tpm; "
                        + "list --all; destroy test; undefine test --nvram --tpm --storage /guest/diskimage1; list --all"),
                cmd("dumpxml-options", "dumpxml test --xpath //os; dumpxml test --xpath //vcpu/@placement --wrap; "
                        + "dumpxml test --xpath //nosuch --wrap; dumpxml test --xpath '//disk/target/@*'; "
                        + "dumpxml test --xpath 'count(//disk)'; dumpxml test --migratable --xpath //name; "
                        + "define @XML@/secret.xml; dumpxml secret --xpath //graphics; "
                        + "dumpxml secret --security-info --xpath //graphics --wrap; dumpxml secret --update-cpu; "
                        + "dumpxml test --update-cpu --xpath //name"),
                c("readonly-security-info", "-r", "-c", U, "dumpxml test --xpath //name; dumpxml test --security-info"),
                cmd("start-options", "destroy test; start test --pass-fds a; start test --pass-fds 3,4; "
                        + "start test --bypass-cache --force-boot --reset-nvram; destroy test --remove-logs; "
                        + "destroy test; start test --console; define @XML@/disks.xml; start disks --reset-nvram; "
                        + "create @XML@/d1.xml --validate --paused --autodestroy; list --all"),
                cmd("shutdown-modes", "shutdown test --mode bogus; reboot test --mode bogus; shutdown test --mode ''; "
                        + "reboot test --mode agent,signal; shutdown test acpi; domstate test --reason"),
                cmd("version-daemon", "version --daemon"),
                new Case("event-positional", "", true, List.of("-c", U, "event test lifecycle 1 --loop")),
                cmd("pinmap", "pinmap test; define @XML@/d1.xml; pinmap d1"),
                cmd("pincheck-sim", "pincheck test; vcpupin test 1 3; pincheck test; define @XML@/d1.xml; pincheck d1; "
                        + "pincheck nosuch"),
                // events
                new Case("event-loop", "", true, List.of("-c", U, "event --all --loop --timeout 1")),
                new Case("event-one", "", true, List.of("-c", U, "event --all; event --event tunable --timeout 1")),
                new Case("event-domain-timestamp", "", true,
                        List.of("-c", U, "event --domain test --event lifecycle --loop --timeout 1 --timestamp")),
                cmd("event-none", "event --all --timeout 1; event --list; event --timeout 1; event --event bogus; "
                        + "event --domain nosuch --all --timeout 1"),
                // parsing, statuses, modes
                cmd("parse-unknown-command", "uri; nosuch"),
                cmd("parse-unknown-option", "uri; list --bogus"),
                cmd("parse-missing-domain", "vcpupin"),
                cmd("parse-unexpected-data", "domstate a b"),
                cmd("parse-option-twice", "vcpupin --domain test --domain test"),
                cmd("parse-missing-value", "vcpupin test --vcpu"),
                cmd("parse-flag-value", "list --all=yes"),
                cmd("parse-empty-commands", "uri;;uri ; ; hostname"),
                cmd("status-last-ok", "domstate nosuch; uri"),
                cmd("status-last-fails", "uri; domstate nosuch"),
                cmd("quit-stops", "quit; uri"),
                cmd("exit-after-failure", "domstate nosuch; exit"),
                c("timing", "-t", "-c", U, "uri; echo a"),
                c("argv-mode", "-c", U, "echo", "a b", "x;y"),
                c("argv-mode-semicolon", "-c", U, "uri", ";", "hostname"),
                c("argv-list-all", "-c", U, "list", "--all"),
                c("connect-failure", "-c", "bogus:///x", "echo hi; uri; echo b"),
                c("global-bad-option", "-z"),
                c("global-version", "-v"),
                new Case("stdin-script", "uri\n# comment\ndomstate nosuch\n  \nhostname; domid test\n", false,
                        List.of("-c", U)),
                new Case("stdin-last-fails", "uri\ndomstate nosuch\n", false, List.of("-c", U)),
                new Case("stdin-quit", "uri\nquit\nhostname\n", false, List.of("-c", U)),
                new Case("stdin-parse-error", "list --bogus; uri\nhostname\n", false, List.of("-c", U))));
        return cases.stream();
    }

    /** The arguments of golden case {@code name} ({@code @XML@} for the fixture directory). */
    static Optional<List<String>> argsOf(String name) {
        return cases().filter(c -> c.name().equals(name)).findFirst().map(Case::args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void output(Case c) {
        JvirshHarness h = new JvirshHarness().stdin(c.stdin());
        if (c.events()) {
            h.events(events());
        }
        String xml = GoldenFiles.xmlDir().toString();
        String[] args = c.args().stream().map(a -> a.replace("@XML@", xml)).toArray(String[]::new);
        GoldenFiles.check(c.name(), GoldenFiles.render(h.run(args)));
    }

    static List<DomainEvent> events() {
        UUID d1 = UUID.fromString("11111111-2222-3333-4444-555555555555");
        return List.of(
                new DomainEvent.Defined("d1", d1, false),
                new DomainEvent.Started("d1", d1, true),
                new DomainEvent.Resumed("d1", d1),
                new DomainEvent.PinChanged("test", TEST, "vcpupin1", CpuSet.of(0, 1, 2, 3), true),
                new DomainEvent.VcpusChanged("test", TEST, 1, true),
                new DomainEvent.Suspended("test", TEST),
                new DomainEvent.Stopped("test", TEST, StateReason.DESTROYED),
                new DomainEvent.Crashed("d1", d1),
                new DomainEvent.Defined("d1", d1, true),
                new DomainEvent.Undefined("d1", d1));
    }
}
