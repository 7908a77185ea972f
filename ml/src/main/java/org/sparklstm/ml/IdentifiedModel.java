package org.sparklstm.ml;

import org.apache.spark.ml.Model;

/** A model whose uid is set before its subclasses' params are declared (see {@link IdentifiedEstimator}). */
abstract class IdentifiedModel<M extends Model<M>> extends Model<M> {

    private final String uid;

    IdentifiedModel(String uid) {
        this.uid = uid;
    }

    @Override
    public String uid() {
        return uid;
    }
}
