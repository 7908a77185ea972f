package org.sparklstm.pipeline.io;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a table record's component becomes a column, where the defaults of {@link RecordTable} do not
 * fit: a name that is not the component's in snake case, or a string that may be null.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Column {

    /** The column's name; "" = the component's name in snake case. */
    String name() default "";

    /** For strings and timestamps, which are otherwise not null (boxed numbers always may be). */
    boolean nullable() default false;
}
