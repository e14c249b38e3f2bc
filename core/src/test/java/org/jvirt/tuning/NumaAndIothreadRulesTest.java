package org.jvirt.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.host.HostCell;
import org.jvirt.host.HostTopology;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.model.Extras;
import org.jvirt.model.IothreadPin;
import org.jvirt.model.Iothreads;
import org.jvirt.model.NumaMode;
import org.jvirt.model.NumaTune;
import org.jvirt.model.Placement;

class NumaAndIothreadRulesTest {
    private static final HostTopology TWO_CELLS = new HostTopology("x86_64", "m", 1000,
            List.of(new HostCell(0, 1024, List.of(), Map.of()), new HostCell(1, 1024, List.of(), Map.of())),
            CpuSet.EMPTY, 0);

    private static Optional<NumaTune> strict(String nodes) {
        return Optional.of(new NumaTune(Optional.of(new NumaTune.Memory(NumaMode.STRICT, Placement.STATIC,
                Optional.of(CpuSet.parse(nodes)))), List.of(), Extras.NONE));
    }

    @Test
    void nodesOutsideTheHostAreRefused() {
        NumaRules.checkNodes(CpuSet.parse("0-1"), TWO_CELLS);
        assertThatThrownBy(() -> NumaRules.checkNodes(CpuSet.parse("1-2"), TWO_CELLS))
                .hasMessage("NUMA node 2 is unavailable: the host has node(s) 0-1");
    }

    @Test
    void aRunningDomainKeepsItsMode() {
        assertThatThrownBy(() -> NumaRules.applyToLive(strict("0"), NumaChange.mode(NumaMode.INTERLEAVE)))
                .isInstanceOf(VirtException.class).hasMessageContaining("can't change numatune mode for running domain")
                .extracting(e -> ((VirtException) e).code()).isEqualTo(ErrorCode.OPERATION_INVALID);
        assertThat(NumaRules.applyToLive(strict("0"), NumaChange.mode(NumaMode.STRICT))).isEmpty();
        assertThat(NumaRules.applyToLive(strict("0"), NumaChange.nodeset(CpuSet.of(1))).orElseThrow().memory()
                .orElseThrow().nodeset()).contains(CpuSet.of(1));
        Optional<NumaTune> interleave = NumaRules.applyToConfig(strict("0"), NumaChange.mode(NumaMode.INTERLEAVE));
        assertThatThrownBy(() -> NumaRules.applyToLive(interleave, NumaChange.nodeset(CpuSet.of(1))))
                .hasMessageContaining("requires strict or restrictive numa mode (it is interleave)");
        Optional<NumaTune> auto = Optional.of(new NumaTune(Optional.of(new NumaTune.Memory(NumaMode.STRICT,
                Placement.AUTO, Optional.empty())), List.of(), Extras.NONE));
        assertThatThrownBy(() -> NumaRules.applyToLive(auto, NumaChange.nodeset(CpuSet.of(1))))
                .hasMessageContaining("placement='auto'");
    }

    @Test
    void aStoredDefinitionNeedsANodesetForStaticPlacement() {
        assertThatThrownBy(() -> NumaRules.applyToConfig(Optional.empty(), NumaChange.mode(NumaMode.PREFERRED)))
                .hasMessageContaining("nodeset for NUMA memory tuning must be set if 'placement' is 'static'");
        NumaTune t = NumaRules.applyToConfig(Optional.empty(), new NumaChange(Optional.of(NumaMode.PREFERRED),
                Optional.of(CpuSet.of(1)))).orElseThrow();
        assertThat(t.memory().orElseThrow()).isEqualTo(new NumaTune.Memory(NumaMode.PREFERRED, Placement.STATIC,
                Optional.of(CpuSet.of(1))));
        assertThat(NumaRules.of(Optional.empty(), Optional.empty())).isEqualTo(new NumaParameters(NumaMode.STRICT,
                CpuSet.EMPTY));
    }

    @Test
    void iothreadsAreAddedAndDeletedWithTheirPins() {
        DomainDef def = DomainDef.builder("x").iothreads(new Iothreads(2, List.of(1, 2), false)).build();
        def = def.withCputune(def.cputune().withIothreadPin(new IothreadPin(2, CpuSet.of(3))));
        DomainDef added = IothreadRules.add(def, 5);
        assertThat(added.iothreads().ids()).containsExactly(1, 2, 5);
        assertThat(added.iothreads().count()).isEqualTo(3);
        assertThatThrownBy(() -> IothreadRules.add(added, 2)).hasMessage("an IOThread is already using iothread_id '2'");
        assertThatThrownBy(() -> IothreadRules.add(added, 0)).hasMessageContaining("greater than 0");
        DomainDef deleted = IothreadRules.delete(added, 2);
        assertThat(deleted.iothreads().ids()).containsExactly(1, 5);
        assertThat(deleted.cputune().iothreadPins()).isEmpty();
        assertThatThrownBy(() -> IothreadRules.delete(deleted, 2))
                .hasMessage("cannot find IOThread '2' in iothreadids list");
    }

    @Test
    void poolBoundsAreChecked() {
        DomainDef def = DomainDef.builder("x").iothreads(new Iothreads(1, List.of(1), false)).build();
        DomainDef pooled = IothreadRules.setPool(def, 1, IothreadParameters.NONE.withThreadPoolMax(4));
        assertThat(pooled.iothreads().pool(1).orElseThrow().max()).hasValue(4);
        assertThat(pooled.iothreads().idsExplicit()).isTrue();
        assertThatThrownBy(() -> IothreadRules.setPool(pooled, 1, IothreadParameters.NONE.withThreadPoolMin(5)))
                .hasMessageContaining("thread-pool-min 5 must not be above thread-pool-max 4");
        assertThatThrownBy(() -> IothreadRules.check(IothreadParameters.NONE)).hasMessageContaining("no IOThread parameter");
        assertThatThrownBy(() -> IothreadRules.check(IothreadParameters.NONE.withThreadPoolMax(0)))
                .hasMessageContaining("at least 1");
    }
}
