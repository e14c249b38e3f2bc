package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.jvirt.ThreadPlacement;
import org.jvirt.ThreadPlacement.Kind;
import org.jvirt.cli.pinning.ThreadProbe;
import org.jvirt.model.CpuSet;

/** pincheck with a fake kernel view: agreement, drift (exit status 2), a missing vCPU thread. */
class PinCheckTest {
    private static ThreadPlacement thread(Kind kind, int index, long tid, CpuSet affinity, CpuSet cgroup) {
        String group = kind == Kind.EMULATOR ? "emulator" : kind.name().toLowerCase() + " " + index;
        return new ThreadPlacement(tid, "t" + tid, kind, index, affinity, Optional.of("/machine/test/" + group),
                Optional.of(cgroup));
    }

    /** The arguments of the golden files of this class. */
    static Optional<List<String>> argsOf(String name) {
        return switch (name) {
            case "pincheck-ok" -> Optional.of(List.of("-c", "test:///default", "pincheck test"));
            case "pincheck-drift" -> Optional.of(List.of("-c", "test:///default", DRIFT_COMMANDS));
            default -> Optional.empty();
        };
    }

    private static final String DRIFT_COMMANDS = "vcpupin test 1 2-3; pincheck test";

    @Test
    void noDriftWhenTheKernelAgrees() {
        CpuSet all = CpuSet.range(0, 7);
        ThreadProbe probe = d -> List.of(thread(Kind.VCPU, 0, 101, all, all),
                thread(Kind.VCPU, 1, 102, all, all), thread(Kind.EMULATOR, -1, 100, all, all));
        JvirshHarness.Result r = new JvirshHarness().probe(probe).run("-c", "test:///default", "pincheck test");
        assertThat(r.status()).isZero();
        GoldenFiles.check("pincheck-ok", GoldenFiles.render(r));
    }

    @Test
    void everyDriftIsListedAndTheStatusIsTwo() {
        CpuSet all = CpuSet.range(0, 7);
        ThreadProbe probe = d -> List.of(thread(Kind.VCPU, 0, 101, CpuSet.of(3), all),
                thread(Kind.EMULATOR, -1, 100, all, CpuSet.range(0, 3)),
                thread(Kind.VCPU, 5, 105, all, all));
        JvirshHarness.Result r = new JvirshHarness().probe(probe)
                .run("-c", "test:///default", DRIFT_COMMANDS);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.stdout()).contains("drift: vcpu 0 (tid 101): thread affinity 3, intended 0-7",
                "drift: emulator (tid 100): cgroup /machine/test/emulator cpuset 0-3, intended 0-7",
                "drift: vcpu 1: online but no thread found");
        GoldenFiles.check("pincheck-drift", GoldenFiles.render(r));
    }

    @Test
    void driftStatusIsKeptOnlyWhenPincheckIsLast() {
        ThreadProbe probe = d -> List.of();
        JvirshHarness.Result r = new JvirshHarness().probe(probe).run("-c", "test:///default", "pincheck test; uri");
        assertThat(r.status()).isZero();
        assertThat(r.stderr()).contains("pinning drift(s) in domain 'test'");
    }
}
