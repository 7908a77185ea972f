package org.sparklstm.pipeline.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;

/**
 * Typed fields of a checkpoint's manifest. A field that is missing or of the wrong kind is an
 * {@link IllegalArgumentException} naming it. Doubles keep every bit: finite ones are JSON numbers in their
 * shortest exact form, NaN and the infinities (JSON has no such numbers) are the strings Java writes for them.
 */
final class ManifestJson {

    private ManifestJson() {
    }

    static JsonPrimitive number(Number value) {
        if (value instanceof Double d && !Double.isFinite(d)) {
            return new JsonPrimitive(d.toString());
        }
        return new JsonPrimitive(value);
    }

    static JsonElement member(JsonObject json, String name) {
        JsonElement element = json.get(name);
        if (element == null) {
            throw new IllegalArgumentException("\"" + name + "\" is missing");
        }
        return element;
    }

    static JsonObject object(JsonElement element, String name) {
        if (!element.isJsonObject()) {
            throw new IllegalArgumentException("\"" + name + "\" is not an object: " + element);
        }
        return element.getAsJsonObject();
    }

    static JsonObject object(JsonObject json, String name) {
        return object(member(json, name), name);
    }

    static JsonArray array(JsonObject json, String name) {
        JsonElement element = member(json, name);
        if (!element.isJsonArray()) {
            throw new IllegalArgumentException("\"" + name + "\" is not an array: " + element);
        }
        return element.getAsJsonArray();
    }

    static String string(JsonObject json, String name) {
        JsonPrimitive value = primitive(member(json, name), name);
        if (!value.isString()) {
            throw new IllegalArgumentException("\"" + name + "\" is not a string: " + value);
        }
        return value.getAsString();
    }

    static double real(JsonObject json, String name) {
        JsonPrimitive value = primitive(member(json, name), name);
        if (value.isNumber()) {
            return value.getAsDouble();
        }
        String text = value.isString() ? value.getAsString() : "";
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException("\"" + name + "\" is not a number: " + value);
        };
    }

    static long integer(JsonObject json, String name) {
        BigDecimal value = whole(member(json, name), name);
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("\"" + name + "\" is out of range: " + value);
        }
    }

    static int int32(JsonObject json, String name) {
        return int32(member(json, name), name);
    }

    /** An int, also of an element of an array (a list of lengths). */
    static int int32(JsonElement element, String name) {
        BigDecimal value = whole(element, name);
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("\"" + name + "\" is out of range: " + value);
        }
    }

    private static BigDecimal whole(JsonElement element, String name) {
        JsonPrimitive value = primitive(element, name);
        try {
            BigDecimal number = value.getAsBigDecimal();
            number.toBigIntegerExact();
            return number;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("\"" + name + "\" is not an integer: " + value);
        }
    }

    private static JsonPrimitive primitive(JsonElement element, String name) {
        if (!element.isJsonPrimitive()) {
            throw new IllegalArgumentException("\"" + name + "\" is not a value: " + element);
        }
        return element.getAsJsonPrimitive();
    }
}
