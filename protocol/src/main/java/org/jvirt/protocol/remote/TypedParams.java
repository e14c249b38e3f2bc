package org.jvirt.protocol.remote;

import java.util.List;
import java.util.Optional;

import org.jvirt.protocol.ProtocolException;

/** Building and reading {@link TypedParam}s by libvirt's field names and types. */
public final class TypedParams {
    private TypedParams() {
    }

    public static TypedParam ullong(String field, long value) {
        return new TypedParam(field, new TypedParam.ULongValue(value));
    }

    public static TypedParam llong(String field, long value) {
        return new TypedParam(field, new TypedParam.LongValue(value));
    }

    public static TypedParam integer(String field, int value) {
        return new TypedParam(field, new TypedParam.IntValue(value));
    }

    public static TypedParam uint(String field, int value) {
        return new TypedParam(field, new TypedParam.UIntValue(value));
    }

    public static TypedParam string(String field, String value) {
        return new TypedParam(field, new TypedParam.StringValue(value));
    }

    /** A numeric value as a long (unsigned ints widened); a string or a double is a protocol error. */
    public static long number(TypedParam p) {
        TypedParam.Value v = p.value();
        if (v instanceof TypedParam.IntValue i) {
            return i.value();
        }
        if (v instanceof TypedParam.UIntValue u) {
            return Integer.toUnsignedLong(u.value());
        }
        if (v instanceof TypedParam.LongValue l) {
            return l.value();
        }
        if (v instanceof TypedParam.ULongValue l) {
            return l.value();
        }
        if (v instanceof TypedParam.BooleanValue b) {
            return b.value() ? 1 : 0;
        }
        throw ProtocolException.of("typed parameter %s is not a number", p.field());
    }

    /** The text of a string parameter (or a number as text). */
    public static String text(TypedParam p) {
        return p.value() instanceof TypedParam.StringValue s ? s.value() : Long.toString(number(p));
    }

    public static Optional<TypedParam> find(List<TypedParam> params, String field) {
        return params.stream().filter(p -> p.field().equals(field)).findFirst();
    }
}
