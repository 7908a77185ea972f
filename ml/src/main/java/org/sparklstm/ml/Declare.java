package org.sparklstm.ml;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;
import scala.Function1;

/**
 * Declares a param once: its name, its doc, its validator and its default, set on the stage that owns it. Where the
 * param is a key of the command line's configuration, the name is that key camelCased and the default is its default.
 */
final class Declare {

    private Declare() {
    }

    static IntParam atLeast(Params owner, String name, String doc, int min, int value) {
        IntParam p = new IntParam(owner, name, doc + " (>= " + min + ")", ParamValidators.gtEq(min));
        owner.setDefault(p, value);
        return p;
    }

    static LongParam anyLong(Params owner, String name, String doc, long value) {
        LongParam p = new LongParam(owner, name, doc);
        owner.setDefault(p, value);
        return p;
    }

    static DoubleParam number(Params owner, String name, String doc, Function1<Object, Object> valid, double value) {
        DoubleParam p = new DoubleParam(owner, name, doc, valid);
        owner.setDefault(p, value);
        return p;
    }

    static BooleanParam flag(Params owner, String name, String doc, boolean value) {
        BooleanParam p = new BooleanParam(owner, name, doc);
        owner.setDefault(p, value);
        return p;
    }

    /** A string that is one of {@code allowed}. */
    static Param<String> oneOf(Params owner, String name, String doc, String value, String... allowed) {
        Param<String> p = new Param<>(owner, name, doc + " (" + String.join(" | ", allowed) + ")",
                ParamValidators.inArray(allowed));
        owner.setDefault(p, value);
        return p;
    }

    /** A column name or other free string ({@code ""} where the doc says it means none). */
    static Param<String> string(Params owner, String name, String doc, String value) {
        Param<String> p = new Param<>(owner, name, doc);
        owner.setDefault(p, value);
        return p;
    }

    /** A list of column names or other strings. */
    static StringArrayParam strings(Params owner, String name, String doc, String... value) {
        StringArrayParam p = new StringArrayParam(owner, name, doc);
        owner.setDefault(p, value);
        return p;
    }
}
