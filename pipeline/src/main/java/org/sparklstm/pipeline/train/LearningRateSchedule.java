package org.sparklstm.pipeline.train;

import java.io.Serializable;
import java.util.List;

/**
 * The learning rate of every averaging round ({@code train.lr-schedule}, {@code train.warmup-rounds}): a
 * function of the round's place in the run and of the validation losses of the epochs before it, and
 * nothing else, so a run resumed from a checkpoint (which holds those epochs) continues with the same rates.
 *
 * @param stepEpochs   {@code step}: epochs between two cuts by {@code factor}
 * @param factor       {@code step} and {@code plateau}: what the rate is multiplied by at a cut
 * @param patience     {@code plateau}: epochs without a lower validation loss before a cut
 * @param warmupRounds rounds over which the rate rises linearly to its scheduled value; 0 = none
 */
public record LearningRateSchedule(Kind kind, double base, int stepEpochs, double factor, int patience,
                                   int warmupRounds) implements Serializable {

    /** How the rate moves after warm-up. */
    public enum Kind {
        /** The base rate throughout. */
        CONSTANT("constant"),
        /** The base rate times {@code factor} every {@code stepEpochs} epochs. */
        STEP("step"),
        /** Half a cosine from the base rate down to 0 over all the rounds of the run. */
        COSINE("cosine"),
        /** Times {@code factor} whenever the validation loss has not fallen for {@code patience} epochs. */
        PLATEAU("plateau");

        private final String configName;

        Kind(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }
    }

    public LearningRateSchedule {
        if (base <= 0 || stepEpochs < 1 || factor <= 0 || factor > 1 || patience < 1 || warmupRounds < 0) {
            throw new IllegalArgumentException("learning-rate schedule " + kind + ": base " + base + ", every "
                    + stepEpochs + " epochs, factor " + factor + ", patience " + patience + ", warm-up "
                    + warmupRounds);
        }
    }

    /** The base rate throughout, as a network's own configuration has it. */
    public static LearningRateSchedule constant(double base) {
        return new LearningRateSchedule(Kind.CONSTANT, base, 1, 1, 1, 0);
    }

    /**
     * @param epoch      1-based
     * @param round      0-based, within the epoch
     * @param rounds     rounds per epoch
     * @param epochs     epochs in the run
     * @param validation the validation losses of the epochs before {@code epoch}, in order (NaN: not validated)
     */
    public double rate(int epoch, int round, int rounds, int epochs, List<Double> validation) {
        long global = (long) (epoch - 1) * rounds + round;
        double scheduled = switch (kind) {
            case CONSTANT -> base;
            case STEP -> base * Math.pow(factor, (epoch - 1) / stepEpochs);
            case COSINE -> base * 0.5 * (1 + Math.cos(Math.PI * global / ((double) rounds * epochs)));
            case PLATEAU -> base * Math.pow(factor, cuts(validation));
        };
        return global < warmupRounds ? scheduled * (global + 1) / warmupRounds : scheduled;
    }

    /** How many times the loss went {@code patience} epochs without a new low. */
    private int cuts(List<Double> validation) {
        double best = Double.POSITIVE_INFINITY;
        int waited = 0;
        int cuts = 0;
        for (double loss : validation) {
            if (Double.isNaN(loss)) {
                continue;
            }
            if (loss < best) {
                best = loss;
                waited = 0;
            } else if (++waited >= patience) {
                cuts++;
                waited = 0;
            }
        }
        return cuts;
    }
}
