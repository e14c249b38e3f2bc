package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class CpuTuneTest {
    private static final CpuSet CPUS = CpuSet.of(0, 1);
    private static final Extras UNKNOWN_ATTRIBUTE =
            new Extras(List.of(new OpaqueNode.Attribute("", "", "x", "1")), List.of());

    @Test
    void emptyOnlyWithNothingSet() {
        assertThat(CpuTune.EMPTY.isEmpty()).isTrue();
        RecordComponent[] components = CpuTune.class.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            CpuTune tune = withComponent(i, sample(components[i].getGenericType()));
            assertThat(tune.isEmpty()).as("only %s set", components[i].getName()).isFalse();
        }
    }

    /** isEmpty, written out field by field, means what comparing with EMPTY means. */
    @Test
    void sameAnswerAsComparingWithEmpty() {
        RecordComponent[] components = CpuTune.class.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            for (CpuTune tune : List.of(withComponent(i, sample(components[i].getGenericType())),
                    withComponent(i, sample(components[i].getGenericType())).withExtras(UNKNOWN_ATTRIBUTE),
                    CpuTune.EMPTY.withExtras(UNKNOWN_ATTRIBUTE))) {
                boolean byEquals = tune.equals(CpuTune.EMPTY.withExtras(tune.extras())) && tune.extras().isEmpty();
                assertThat(tune.isEmpty()).as(tune.toString()).isEqualTo(byEquals);
            }
        }
    }

    private static CpuTune withComponent(int index, Object value) {
        RecordComponent[] components = CpuTune.class.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = i == index ? value : components[i].getAccessor().invoke(CpuTune.EMPTY);
            }
            return CpuTune.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** A value that is not "unset" for a component of this type. */
    private static Object sample(Type type) {
        if (type == OptionalLong.class) {
            return OptionalLong.of(1000);
        }
        if (type == Extras.class) {
            return UNKNOWN_ATTRIBUTE;
        }
        ParameterizedType generic = (ParameterizedType) type;
        Type element = generic.getActualTypeArguments()[0];
        Object one = element == VcpuPin.class ? new VcpuPin(0, CPUS, Extras.NONE)
                : element == IothreadPin.class ? new IothreadPin(1, CPUS, Extras.NONE)
                : element == EmulatorPin.class ? new EmulatorPin(CPUS)
                : new ThreadSched(Optional.of(CPUS), SchedPolicy.FIFO, OptionalInt.of(1));
        return generic.getRawType() == Optional.class ? Optional.of(one) : List.of(one);
    }
}
