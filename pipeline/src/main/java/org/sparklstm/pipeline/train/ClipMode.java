package org.sparklstm.pipeline.train;

/** How {@code train.clip-norm} limits the gradient ({@code train.clip-mode}). */
public enum ClipMode {
    /** Each layer's gradient L2 norm on its own (DL4J's {@code ClipL2PerLayer}). */
    PER_LAYER("per-layer"),
    /** One L2 norm over every parameter of the network, as PyTorch's {@code clip_grad_norm_}. */
    GLOBAL("global");

    private final String configName;

    ClipMode(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}
