package org.sparklstm.models.output;

import java.util.Collection;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.params.EmptyParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparklstm.models.layers.LayerWiring;

/**
 * Configuration of an input embedding that owns no parameters: it looks token ids up in the network's
 * {@link TokenSoftmax} weights, so the input and output embeddings are one matrix (weight tying: Press &amp; Wolf
 * 2017, Inan et al. 2017). Input token ids {@code [mb, 1, T]}, output NCW {@code [mb, size, T]}; the size must be the
 * softmax layer's input size. See {@link TiedWeights} for how the two layers are joined.
 */
public class TiedEmbedding extends NoParamLayer {

    private long vocabularySize;
    private long size;

    /** For Jackson. */
    public TiedEmbedding() {
    }

    public TiedEmbedding(long vocabularySize, long size) {
        this.vocabularySize = vocabularySize;
        this.size = size;
    }

    public long getVocabularySize() {
        return vocabularySize;
    }

    public void setVocabularySize(long vocabularySize) {
        this.vocabularySize = vocabularySize;
    }

    public long getSize() {
        return size;
    }

    public void setSize(long size) {
        this.size = size;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners,
                                                       int layerIndex, INDArray layerParamsView,
                                                       boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new TiedEmbeddingLayer(conf, networkDataType), EmptyParamInitializer.getInstance(),
                conf, trainingListeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent(size);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return new LayerMemoryReport.Builder(getLayerName(), TiedEmbedding.class, inputType, getOutputType(0, inputType))
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TiedEmbedding other && vocabularySize == other.vocabularySize && size == other.size;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(vocabularySize) * 31 + Long.hashCode(size);
    }
}
