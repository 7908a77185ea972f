package org.sparklstm.pipeline.classify;

import org.sparklstm.models.train.MinibatchPlan;

/** Which training rows are held out for validation: a seeded hash of the row id, so the same rows on every run. */
final class HeldOut {

    private HeldOut() {
    }

    static boolean held(LabelledText row, long seed, double fraction) {
        return fraction > 0 && Math.floorMod(MinibatchPlan.mix(seed, row.rowId().hashCode(), 17), 1_000_000L)
                < fraction * 1_000_000L;
    }
}
