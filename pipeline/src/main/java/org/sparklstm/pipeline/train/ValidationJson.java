package org.sparklstm.pipeline.train;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Set;

/**
 * An epoch's validation in a checkpoint's manifest: the record's type and its numbers by name
 * ({@code {"type": "org.sparklstm.pipeline.lm.LmValidation", "loss": 2.1, "tokens": 5000}}). Each task has its
 * own validation record and the train package knows none of them, so the type is named; reading accepts only a
 * record that implements {@link EpochValidation} and holds nothing but numbers, and builds it with its canonical
 * constructor, so a manifest cannot make anything else.
 */
final class ValidationJson {

    private static final Set<Class<?>> NUMBERS = Set.of(double.class, long.class, int.class);

    private ValidationJson() {
    }

    static JsonElement write(EpochValidation validation) {
        if (validation == null) {
            return JsonNull.INSTANCE;
        }
        Class<?> type = validation.getClass();
        JsonObject json = new JsonObject();
        json.addProperty("type", type.getName());
        for (RecordComponent component : components(type)) {
            try {
                component.getAccessor().setAccessible(true);
                Object value = component.getAccessor().invoke(validation);
                json.add(component.getName(), ManifestJson.number((Number) value));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component + " of " + type.getName(), e);
            }
        }
        return json;
    }

    static EpochValidation read(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return null;
        }
        JsonObject json = ManifestJson.object(element, "validation");
        String name = ManifestJson.string(json, "type");
        Class<?> type;
        try {
            // not initialised: nothing of the class runs before it is known to be a validation record
            type = Class.forName(name, false, EpochValidation.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("validation type " + name + " does not exist");
        }
        RecordComponent[] components = components(type);
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(json, components[i]);
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return (EpochValidation) constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot build validation " + name + ": " + e, e);
        }
    }

    /** The components of a validation record of numbers; refuses any other type. */
    private static RecordComponent[] components(Class<?> type) {
        if (!type.isRecord() || !EpochValidation.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type.getName() + " is not a validation record");
        }
        RecordComponent[] components = type.getRecordComponents();
        for (RecordComponent component : components) {
            if (!NUMBERS.contains(component.getType())) {
                throw new IllegalArgumentException("validation " + type.getName() + " holds " + component
                        + ": a checkpoint keeps only numbers");
            }
        }
        return components;
    }

    private static Object value(JsonObject json, RecordComponent component) {
        String name = component.getName();
        Class<?> type = component.getType();
        if (type == double.class) {
            return ManifestJson.real(json, name);
        }
        return type == long.class ? (Object) ManifestJson.integer(json, name) : (Object) ManifestJson.int32(json, name);
    }
}
