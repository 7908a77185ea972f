package org.sparklstm.models.nn;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/** What every network of the project shares: seed, float, Xavier initialisation, Adam, clipping. */
public final class TrainingDefaults {

    private TrainingDefaults() {
    }

    public static NeuralNetConfiguration.Builder builder(long seed, double learningRate, double clipNorm) {
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(learningRate));
        if (clipNorm > 0) {
            // DL4J has no global-norm clipping; per-layer L2 clipping is its closest equivalent
            base.gradientNormalization(GradientNormalization.ClipL2PerLayer).gradientNormalizationThreshold(clipNorm);
        }
        return base;
    }
}
