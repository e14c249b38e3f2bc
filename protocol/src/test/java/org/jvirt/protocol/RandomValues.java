package org.jvirt.protocol;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import org.jvirt.protocol.remote.TypedParam;
import org.jvirt.protocol.xdr.Chars;
import org.jvirt.protocol.xdr.Max;

/** Seeded random values of the protocol's record types, for round-trip tests. */
final class RandomValues {
    private final Random random;

    RandomValues(long seed) {
        this.random = new Random(seed);
    }

    Object of(Type t, RecordComponent c) {
        if (t == Void.class) {
            return null;
        }
        if (t == int.class || t == Integer.class) {
            return random.nextInt();
        }
        if (t == long.class || t == Long.class) {
            return random.nextLong();
        }
        if (t == boolean.class || t == Boolean.class) {
            return random.nextBoolean();
        }
        if (t == String.class) {
            Chars chars = c == null ? null : c.getAnnotation(Chars.class);
            return text(chars == null ? 40 : chars.value());
        }
        if (t == byte[].class) {
            byte[] b = new byte[random.nextInt(12)];
            random.nextBytes(b);
            return b;
        }
        if (t == UUID.class) {
            return new UUID(random.nextLong(), random.nextLong());
        }
        if (t == TypedParam.Value.class) {
            return value();
        }
        if (t instanceof ParameterizedType p) {
            Type arg = p.getActualTypeArguments()[0];
            if (p.getRawType() == Optional.class) {
                return random.nextBoolean() ? Optional.of(of(arg, null)) : Optional.empty();
            }
            if (p.getRawType() == List.class) {
                Max max = c == null ? null : c.getAnnotation(Max.class);
                int n = random.nextInt(max == null ? 4 : Math.min(4, max.value() + 1));
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    out.add(of(arg, null));
                }
                return out;
            }
        }
        if (t instanceof Class<?> k && k.isRecord()) {
            RecordComponent[] comps = k.getRecordComponents();
            Object[] values = new Object[comps.length];
            Class<?>[] types = new Class<?>[comps.length];
            for (int i = 0; i < comps.length; i++) {
                values[i] = of(comps[i].getGenericType(), comps[i]);
                types[i] = comps[i].getType();
            }
            try {
                Constructor<?> ctor = k.getDeclaredConstructor(types);
                ctor.setAccessible(true);
                return ctor.newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalArgumentException("no random value for " + t);
    }

    private String text(int maxBytes) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz<>/='0123456789 äé";
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(Math.max(1, maxBytes / 2 - 1));
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private TypedParam.Value value() {
        switch (random.nextInt(7)) {
            case 0:
                return new TypedParam.IntValue(random.nextInt());
            case 1:
                return new TypedParam.UIntValue(random.nextInt());
            case 2:
                return new TypedParam.LongValue(random.nextLong());
            case 3:
                return new TypedParam.ULongValue(random.nextLong());
            case 4:
                return new TypedParam.DoubleValue(random.nextDouble());
            case 5:
                return new TypedParam.BooleanValue(random.nextBoolean());
            default:
                return new TypedParam.StringValue(text(30));
        }
    }
}
