package org.sparklstm.pipeline.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.sparklstm.models.train.CarriedState;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.NetworkState;

/**
 * A {@link Checkpoint} as the body of its manifest: every number in JSON, every float array as its index in the
 * checkpoint's {@link FloatArrayFile} (null stays null). Reading builds only the checkpoint's own records.
 */
final class CheckpointJson {

    private CheckpointJson() {
    }

    /** The checkpoint's JSON; its float arrays are appended to {@code arrays}, in the order of their indices. */
    static JsonObject write(Checkpoint checkpoint, List<float[]> arrays) {
        JsonObject json = new JsonObject();
        json.add("position", position(checkpoint.position(), arrays));
        json.add("state", state(checkpoint.state(), arrays));
        json.add("carried", carried(checkpoint.carried(), arrays));
        return json;
    }

    /** The checkpoint of {@code json}, whose array indices point into {@code arrays}. */
    static Checkpoint read(JsonObject json, List<float[]> arrays) {
        return new Checkpoint(position(ManifestJson.object(json, "position"), arrays),
                state(ManifestJson.object(json, "state"), arrays),
                carried(ManifestJson.object(json, "carried"), arrays));
    }

    private static JsonObject position(TrainingPosition position, List<float[]> arrays) {
        JsonObject json = new JsonObject();
        json.addProperty("epoch", position.epoch());
        json.addProperty("next_round", position.nextRound());
        json.add("epoch_so_far", statistics(position.epochSoFar()));
        json.add("epoch_seconds", ManifestJson.number(position.epochSeconds()));
        JsonArray finished = new JsonArray();
        position.finished().forEach(result -> finished.add(result(result)));
        json.add("finished", finished);
        KeptState kept = position.kept();
        if (kept == null) {
            json.add("kept", JsonNull.INSTANCE);
        } else {
            JsonObject k = new JsonObject();
            k.addProperty("epoch", kept.epoch());
            k.add("validation_loss", ManifestJson.number(kept.validationLoss()));
            k.add("state", state(kept.state(), arrays));
            json.add("kept", k);
        }
        return json;
    }

    private static TrainingPosition position(JsonObject json, List<float[]> arrays) {
        int epoch = ManifestJson.int32(json, "epoch");
        int nextRound = ManifestJson.int32(json, "next_round");
        if (epoch < 1 || nextRound < 0) {
            throw new IllegalArgumentException("the position epoch " + epoch + ", next round " + nextRound
                    + " is impossible");
        }
        List<EpochResult> finished = new ArrayList<>();
        for (JsonElement result : ManifestJson.array(json, "finished")) {
            finished.add(result(ManifestJson.object(result, "finished")));
        }
        JsonElement k = ManifestJson.member(json, "kept");
        KeptState kept = k.isJsonNull() ? null : kept(ManifestJson.object(k, "kept"), arrays);
        return new TrainingPosition(epoch, nextRound, statistics(ManifestJson.object(json, "epoch_so_far")),
                ManifestJson.real(json, "epoch_seconds"), finished, kept);
    }

    private static KeptState kept(JsonObject json, List<float[]> arrays) {
        return new KeptState(ManifestJson.int32(json, "epoch"), ManifestJson.real(json, "validation_loss"),
                state(ManifestJson.object(json, "state"), arrays));
    }

    private static JsonObject result(EpochResult result) {
        JsonObject json = new JsonObject();
        json.addProperty("epoch", result.epoch());
        json.add("train", statistics(result.train()));
        json.add("train_seconds", ManifestJson.number(result.trainSeconds()));
        json.add("validation", ValidationJson.write(result.validation()));
        json.add("validation_seconds", ManifestJson.number(result.validationSeconds()));
        return json;
    }

    private static EpochResult result(JsonObject json) {
        return new EpochResult(ManifestJson.int32(json, "epoch"), statistics(ManifestJson.object(json, "train")),
                ManifestJson.real(json, "train_seconds"), ValidationJson.read(ManifestJson.member(json, "validation")),
                ManifestJson.real(json, "validation_seconds"));
    }

    private static JsonObject statistics(FitStatistics statistics) {
        JsonObject json = new JsonObject();
        json.addProperty("tokens", statistics.tokens());
        json.add("loss_sum", ManifestJson.number(statistics.lossSum()));
        json.addProperty("fit_nanos", statistics.fitNanos());
        return json;
    }

    private static FitStatistics statistics(JsonObject json) {
        return new FitStatistics(ManifestJson.integer(json, "tokens"), ManifestJson.real(json, "loss_sum"),
                ManifestJson.integer(json, "fit_nanos"));
    }

    private static JsonObject state(NetworkState state, List<float[]> arrays) {
        JsonObject json = new JsonObject();
        json.add("parameters", array(state.parameters(), arrays));
        json.add("updater_state", array(state.updaterState(), arrays));
        json.addProperty("iterations", state.iterations());
        return json;
    }

    private static NetworkState state(JsonObject json, List<float[]> arrays) {
        return new NetworkState(required(json, "parameters", arrays), required(json, "updater_state", arrays),
                ManifestJson.int32(json, "iterations"));
    }

    private static JsonObject carried(Carried carried, List<float[]> arrays) {
        JsonObject json = new JsonObject();
        json.add("block_momentum", array(carried.blockMomentum(), arrays));
        json.add("worker_rows", list(carried.workerRows(), rows -> rows(rows, arrays)));
        json.add("worker_adam", list(carried.workerAdam(), state -> state(state, arrays)));
        json.add("block_start", array(carried.blockStart(), arrays));
        return json;
    }

    private static Carried carried(JsonObject json, List<float[]> arrays) {
        return new Carried(optional(json, "block_momentum", arrays),
                list(json, "worker_rows", CarriedState[]::new, o -> rows(o, arrays)),
                list(json, "worker_adam", NetworkState[]::new, o -> state(o, arrays)),
                optional(json, "block_start", arrays));
    }

    private static JsonObject rows(CarriedState rows, List<float[]> arrays) {
        JsonObject json = new JsonObject();
        json.addProperty("rows", rows.rows());
        JsonArray states = new JsonArray();
        for (float[] state : rows.arrays()) {
            states.add(array(state, arrays));
        }
        json.add("arrays", states);
        return json;
    }

    private static CarriedState rows(JsonObject json, List<float[]> arrays) {
        JsonArray states = ManifestJson.array(json, "arrays");
        float[][] values = new float[states.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = array(states.get(i), "arrays", arrays);
        }
        return new CarriedState(ManifestJson.int32(json, "rows"), values);
    }

    /** An array of records (or null), each element an object or null. */
    private static <T> JsonElement list(T[] items, Function<T, JsonObject> write) {
        if (items == null) {
            return JsonNull.INSTANCE;
        }
        JsonArray json = new JsonArray();
        for (T item : items) {
            json.add(item == null ? JsonNull.INSTANCE : write.apply(item));
        }
        return json;
    }

    private static <T> T[] list(JsonObject json, String name, IntFunction<T[]> create, Function<JsonObject, T> read) {
        JsonElement element = ManifestJson.member(json, name);
        if (element.isJsonNull()) {
            return null;
        }
        JsonArray items = ManifestJson.array(json, name);
        T[] values = create.apply(items.size());
        for (int i = 0; i < values.length; i++) {
            JsonElement item = items.get(i);
            values[i] = item.isJsonNull() ? null : read.apply(ManifestJson.object(item, name));
        }
        return values;
    }

    private static JsonElement array(float[] values, List<float[]> arrays) {
        if (values == null) {
            return JsonNull.INSTANCE;
        }
        arrays.add(values);
        return new JsonPrimitive(arrays.size() - 1);
    }

    private static float[] required(JsonObject json, String name, List<float[]> arrays) {
        float[] values = array(ManifestJson.member(json, name), name, arrays);
        if (values == null) {
            throw new IllegalArgumentException("\"" + name + "\" is null");
        }
        return values;
    }

    private static float[] optional(JsonObject json, String name, List<float[]> arrays) {
        return array(ManifestJson.member(json, name), name, arrays);
    }

    private static float[] array(JsonElement index, String name, List<float[]> arrays) {
        if (index.isJsonNull()) {
            return null;
        }
        int i = ManifestJson.int32(index, name);
        if (i < 0 || i >= arrays.size()) {
            throw new IllegalArgumentException("\"" + name + "\" is array " + i + " of " + arrays.size());
        }
        return arrays.get(i);
    }
}
