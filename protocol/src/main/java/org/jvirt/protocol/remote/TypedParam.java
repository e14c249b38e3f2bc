package org.jvirt.protocol.remote;

import java.util.Objects;

import org.jvirt.protocol.ProtocolException;
import org.jvirt.protocol.xdr.XdrReader;
import org.jvirt.protocol.xdr.XdrType;
import org.jvirt.protocol.xdr.XdrWriter;

/** A named, typed value (tunables in events and in the *Parameters calls). */
public record TypedParam(String field, Value value) {
    public TypedParam {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
    }

    /** The union of a parameter's value, discriminated by libvirt's type number. */
    public sealed interface Value {
        XdrType<Value> XDR = new ValueXdr();
    }

    public record IntValue(int value) implements Value {
    }

    public record UIntValue(int value) implements Value {
    }

    public record LongValue(long value) implements Value {
    }

    public record ULongValue(long value) implements Value {
    }

    public record DoubleValue(double value) implements Value {
    }

    public record BooleanValue(boolean value) implements Value {
    }

    public record StringValue(String value) implements Value {
        public StringValue {
            Objects.requireNonNull(value, "value");
        }
    }

    private static final class ValueXdr implements XdrType<Value> {
        @Override
        public void write(XdrWriter out, Value v) {
            if (v instanceof IntValue i) {
                out.writeInt(1).writeInt(i.value());
            } else if (v instanceof UIntValue u) {
                out.writeInt(2).writeInt(u.value());
            } else if (v instanceof LongValue l) {
                out.writeInt(3).writeHyper(l.value());
            } else if (v instanceof ULongValue l) {
                out.writeInt(4).writeHyper(l.value());
            } else if (v instanceof DoubleValue d) {
                out.writeInt(5).writeHyper(Double.doubleToLongBits(d.value()));
            } else if (v instanceof BooleanValue b) {
                out.writeInt(6).writeBool(b.value());
            } else {
                out.writeInt(7).writeString(((StringValue) v).value(), org.jvirt.protocol.Limits.MAX_STRING);
            }
        }

        @Override
        public Value read(XdrReader in) {
            int type = in.readInt();
            switch (type) {
                case 1:
                    return new IntValue(in.readInt());
                case 2:
                    return new UIntValue(in.readInt());
                case 3:
                    return new LongValue(in.readHyper());
                case 4:
                    return new ULongValue(in.readHyper());
                case 5:
                    return new DoubleValue(Double.longBitsToDouble(in.readHyper()));
                case 6:
                    return new BooleanValue(in.readInt() != 0);
                case 7:
                    return new StringValue(in.readString(org.jvirt.protocol.Limits.MAX_STRING));
                default:
                    throw ProtocolException.of("unknown typed parameter type %d", type);
            }
        }

        @Override
        public int minSize() {
            return 8;
        }
    }
}
