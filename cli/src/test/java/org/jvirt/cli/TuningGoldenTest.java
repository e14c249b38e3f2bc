package org.jvirt.cli;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tuning, statistics and host-view commands against golden files, on test:///default:
 * the formats are virsh 9.0's (observed against libvirt's QEMU driver where its test driver
 * answers differently), the numbers the test driver's simulated host and domains.
 */
class TuningGoldenTest {
    private static final String U = "test:///default";

    static Stream<GoldenTest.Case> cases() {
        return Stream.of(
                GoldenTest.cmd("schedinfo", "schedinfo test; schedinfo test --config; "
                        + "schedinfo test --set cpu_shares=2048 --set vcpu_quota=-5 --live; "
                        + "schedinfo test vcpu_period=5000 global_quota=20000; schedinfo test --live"),
                GoldenTest.cmd("schedinfo-config", "define @XML@/d1.xml; schedinfo d1; "
                        + "schedinfo d1 --set cpu_shares=512 --set emulator_quota=20000; schedinfo d1 --config; "
                        + "schedinfo d1 --set emulator_quota=0 --config; dumpxml d1 --xpath //cputune; "
                        + "schedinfo d1 --live"),
                GoldenTest.cmd("schedinfo-errors", "schedinfo test --set vcpu_period=2000000; "
                        + "schedinfo test --set vcpu_quota=500; schedinfo test --set cpu_shares=1; "
                        + "schedinfo test --set bogus=1; schedinfo test --set cpu_shares; "
                        + "schedinfo test --set cpu_shares=x; schedinfo test --weight 5; "
                        + "schedinfo test --current --live; schedinfo test"),
                GoldenTest.cmd("numatune-errors", "numatune test --nodeset 3; numatune test --nodeset x; "
                        + "numatune test --mode bogus --config; numatune test --mode interleave --live; "
                        + "numatune test --nodeset 1 --live; numatune test; numatune test --live --config"),
                GoldenTest.cmd("iothreadset", "define @XML@/d1.xml; start d1; iothreadset d1 1 --poll-max-ns 32768 "
                        + "--poll-grow 2 --poll-shrink 4; iothreadset d1 2 --thread-pool-min 1 --thread-pool-max 4; "
                        + "dumpxml d1 --xpath //iothreadids; iothreadset d1 1 --poll-max-ns 5 --config; "
                        + "iothreadset d1 1 --thread-pool-max 8 --config; dumpxml d1 --inactive --xpath //iothreadids; "
                        + "iothreadset d1 9 --poll-grow 1; iothreadset d1 1; iothreadset d1 1 --thread-pool-min 5 "
                        + "--thread-pool-max 2"),
                GoldenTest.cmd("cpu-stats", "cpu-stats test; cpu-stats test --total; cpu-stats test --start 6 --count 5; "
                        + "cpu-stats test --start 8; define @XML@/d1.xml; cpu-stats d1"),
                GoldenTest.cmd("domstats", "domstats; domstats test --vcpu --balloon; define @XML@/d1.xml; "
                        + "domstats d1; domstats --list-inactive --vcpu; domstats --interface test; "
                        + "domstats --interface --enforce test; domstats --list-active test"),
                GoldenTest.cmd("host-views", "freecell; freecell --all; freecell 1; freecell --cellno 3; "
                        + "freecell 0 --all; nodecpumap; nodecpumap --pretty; nodecpustats; nodecpustats --cpu 1; "
                        + "nodecpustats --cpu 99; nodememstats; nodememstats --cell 1; domcapabilities"),
                GoldenTest.cmd("autostart", "autostart test; autostart test --disable; define @XML@/d1.xml; "
                        + "autostart d1; destroy test; autostart test; start-autostart; list --all; start-autostart; "
                        + "destroy d1; undefine d1; create @XML@/d1.xml; autostart d1"),
                GoldenTest.c("autostart-readonly", "-r", "-c", U, "autostart test"),
                GoldenTest.cmd("help-tuning", "help schedinfo; help numatune; help iothreadset; help domstats; "
                        + "help cpu-stats; help freecell; help start-autostart"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void output(GoldenTest.Case c) {
        String xml = GoldenFiles.xmlDir().toString();
        String[] args = c.args().stream().map(a -> a.replace("@XML@", xml)).toArray(String[]::new);
        GoldenFiles.check(c.name(), GoldenFiles.render(new JvirshHarness().stdin(c.stdin()).run(args)));
    }

    static List<String> names() {
        return cases().map(GoldenTest.Case::name).toList();
    }
}
