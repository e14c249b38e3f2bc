package org.jvirt.protocol;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The procedures of one program by number: how a receiver finds the type of a body. */
public final class ProcedureTable {
    private final Program program;
    private final Map<Integer, Procedure<?, ?>> byNumber = new HashMap<>();

    public ProcedureTable(Program program, List<Procedure<?, ?>> procedures) {
        this.program = program;
        for (Procedure<?, ?> p : procedures) {
            if (p.program().number() != program.number() || p.program().version() != program.version()) {
                throw new IllegalArgumentException(p + " belongs to " + p.program() + ", not " + program);
            }
            if (byNumber.put(p.number(), p) != null) {
                throw new IllegalArgumentException("two procedures numbered " + p.number() + " in " + program);
            }
        }
    }

    public Program program() {
        return program;
    }

    public Optional<Procedure<?, ?>> find(int number) {
        return Optional.ofNullable(byNumber.get(number));
    }

    public Collection<Procedure<?, ?>> all() {
        return byNumber.values();
    }
}
