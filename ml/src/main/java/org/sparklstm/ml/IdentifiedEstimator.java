package org.sparklstm.ml;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;

/**
 * An estimator whose uid is set before its subclasses' params are declared: a param takes its owner's uid when it
 * is made, and Java runs a class's field initialisers only after its superclass's constructor.
 */
abstract class IdentifiedEstimator<M extends Model<M>> extends Estimator<M> {

    private final String uid;

    IdentifiedEstimator(String uid) {
        this.uid = uid;
    }

    @Override
    public String uid() {
        return uid;
    }
}
