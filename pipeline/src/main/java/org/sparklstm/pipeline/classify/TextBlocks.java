package org.sparklstm.pipeline.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.sparklstm.models.classify.Labels;
import org.sparklstm.models.classify.TextBlock;
import org.sparklstm.models.classify.TextPreparation;
import org.sparklstm.pipeline.sequences.WorkerPartitioner;
import scala.Tuple2;

/**
 * sequences for classification, on the executors: each text encoded and cut to the maximum length,
 * dealt round-robin (in input order) into one {@link TextBlock} per worker.
 */
public final class TextBlocks {

    private TextBlocks() {
    }

    public static JavaRDD<TextBlock> blocks(JavaRDD<LabelledText> texts, Broadcast<TextPreparation> preparation,
                                            Labels labels, int workers) {
        int classes = labels.size();
        return texts.map(t -> new Tuple2<>(preparation.value().ids(t.text()), labels.index(t.label())))
                .zipWithIndex()
                .mapToPair(t -> new Tuple2<>(t._2(), t._1()))
                .partitionBy(new WorkerPartitioner.ModuloPartitioner(workers))
                .mapPartitions(it -> {
                    List<Tuple2<Long, Tuple2<int[], Integer>>> list = new ArrayList<>();
                    it.forEachRemaining(list::add);
                    list.sort(Comparator.comparing(Tuple2::_1));
                    return List.of(pack(classes, list.stream().map(Tuple2::_2).toList())).iterator();
                }, true)
                .persist(StorageLevel.MEMORY_ONLY());
    }

    /** Packs encoded texts (empty ones keep one <unk> so the network sees a step) and labels. */
    static TextBlock pack(int classes, List<Tuple2<int[], Integer>> encoded) {
        int[] starts = new int[encoded.size() + 1];
        int total = 0;
        for (int i = 0; i < encoded.size(); i++) {
            starts[i] = total;
            total += Math.max(1, encoded.get(i)._1().length);
        }
        starts[encoded.size()] = total;
        int[] tokens = new int[total];
        int[] labels = new int[encoded.size()];
        for (int i = 0; i < encoded.size(); i++) {
            int[] ids = encoded.get(i)._1();
            System.arraycopy(ids, 0, tokens, starts[i], ids.length);
            labels[i] = encoded.get(i)._2();
        }
        return new TextBlock(classes, starts, tokens, labels);
    }
}
