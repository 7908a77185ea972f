package org.sparklstm.models.lm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Generates tokens one at a time from a language model: feed the prompt, then sample and feed back. */
public final class TextSampler {

    private TextSampler() {
    }

    /**
     * @param temperature divides the log-probabilities: below 1 sharpens, above 1 flattens; 0 picks the most
     *                    likely token
     */
    public static List<Integer> sample(MultiLayerNetwork net, int[] prompt, int length, double temperature,
                                       long seed) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("the prompt has no tokens");
        }
        if (temperature < 0) {
            throw new IllegalArgumentException("temperature " + temperature + " must be >= 0");
        }
        Random random = new Random(seed);
        net.rnnClearPreviousState();
        float[] input = new float[prompt.length];
        for (int i = 0; i < prompt.length; i++) {
            input[i] = prompt[i];
        }
        INDArray out = net.rnnTimeStep(Nd4j.create(input, new long[]{1, 1, prompt.length}, 'c'));
        List<Integer> generated = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            float[] probabilities = lastStep(out);
            int next = pick(probabilities, temperature, random);
            generated.add(next);
            out = net.rnnTimeStep(Nd4j.create(new float[]{next}, new long[]{1, 1, 1}, 'c'));
        }
        net.rnnClearPreviousState();
        return generated;
    }

    private static float[] lastStep(INDArray out) {
        if (out.rank() == 2) {
            return out.dup('c').data().asFloat();
        }
        long steps = out.size(2);
        return out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(steps - 1)).dup('c').data().asFloat();
    }

    static int pick(float[] probabilities, double temperature, Random random) {
        if (temperature == 0) {
            int best = 0;
            for (int i = 1; i < probabilities.length; i++) {
                if (probabilities[i] > probabilities[best]) {
                    best = i;
                }
            }
            return best;
        }
        double[] weights = new double[probabilities.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Math.log(Math.max(probabilities[i], 1e-30)) / temperature;
            max = Math.max(max, weights[i]);
        }
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Math.exp(weights[i] - max);
            total += weights[i];
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u <= 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
