package org.sparklstm.models.output;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one backward pass of the softmax gives: the summed cross-entropy of its targets (nats) and the gradient with
 * respect to its input rows {@code [N, nIn]}; the parameter gradients are written into the layer's gradient views.
 */
record SoftmaxBackward(double lossSum, INDArray inputGradient) {
}
