package org.sparklstm.pipeline.sequences;

import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Cuts the token stream into windows on the executors. The stream splits by position: training
 * takes {@code [0, boundary)}, validation {@code [boundary, length)}, and no window crosses the
 * boundary, so no token is in both; where validation is held-out text, training takes the whole stream.
 * A window that runs past its chunk's end reads the next chunks' heads, which the driver gathers (a few
 * tokens per partition) and broadcasts.
 * Training windows start every {@code stride} tokens; validation windows never overlap, so every
 * validation target is scored once. Windows are not cached: cutting them from the cached stream is
 * cheap, and the worker blocks built from them are cached instead.
 */
public final class WindowBuilder {

    /** Windows of both splits, and where the split falls. */
    public record Split(JavaRDD<Window> train, JavaRDD<Window> validation, long boundary) {
    }

    private WindowBuilder() {
    }

    /** Where the training part of the stream ends and validation begins. */
    public static long boundary(TokenStream stream, WindowSpec spec) {
        return (long) Math.floor(stream.length() * (1 - spec.validationFraction()));
    }

    public static Split build(TokenStream stream, WindowSpec spec) {
        int w = spec.windowTokens();
        long boundary = boundary(stream, spec);
        if (boundary < w || stream.length() - boundary < w) {
            throw new IllegalArgumentException("the corpus has " + stream.length() + " tokens: too few for a "
                    + "training and a validation window of " + w + " tokens (sequence.length "
                    + spec.length() + ", sequence.validation-fraction " + spec.validationFraction() + ")");
        }
        JavaRDD<Window> windows = cut(stream, w, List.of(
                new Segment(0, boundary, spec.stride(), false),
                new Segment(boundary, stream.length(), w - 1, true)));
        return new Split(windows.filter(x -> !x.validation()), windows.filter(Window::validation), boundary);
    }

    /** Training windows over the whole stream, for a language model whose validation is held-out text. */
    public static JavaRDD<Window> training(TokenStream stream, WindowSpec spec) {
        int w = spec.windowTokens();
        if (stream.length() < w) {
            throw new IllegalArgumentException("the corpus has " + stream.length() + " tokens: too few for a "
                    + "training window of " + w + " tokens (sequence.length " + spec.length() + ")");
        }
        return cut(stream, w, List.of(new Segment(0, stream.length(), spec.stride(), false)));
    }

    /** Non-overlapping windows over the whole stream, for scoring a model on text it did not train on. */
    public static JavaRDD<Window> whole(TokenStream stream, int length) {
        if (stream.length() < length + 1) {
            throw new IllegalArgumentException("the input has " + stream.length() + " tokens: too few for one window of "
                    + (length + 1));
        }
        return cut(stream, length + 1, List.of(new Segment(0, stream.length(), length, true)));
    }

    private record Segment(long start, long end, int stride, boolean validation) implements java.io.Serializable {
    }

    private static JavaRDD<Window> cut(TokenStream stream, int w, List<Segment> segments) {
        List<int[]> heads = stream.chunks().map(c -> Arrays.copyOf(c, Math.min(c.length, w - 1))).collect();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(stream.chunks().context());
        Broadcast<int[][]> tails = sc.broadcast(followingTokens(heads, w - 1));
        long[] offsets = stream.offsets();
        return stream.chunks().mapPartitionsWithIndex((p, it) -> {
            int[] chunk = it.next();
            int[] tail = tails.value()[p];
            int[] data = Arrays.copyOf(chunk, chunk.length + tail.length);
            System.arraycopy(tail, 0, data, chunk.length, tail.length);
            long from = offsets[p];
            long to = from + chunk.length;
            // one window at a time, as the consumer asks: a chunk's windows together outweigh the chunk
            return segments.stream().flatMap(segment -> cut(data, from, to, segment, w)).iterator();
        }, true);
    }

    /** The windows of a segment whose start lies in this chunk's [from, to), made lazily. */
    private static Stream<Window> cut(int[] data, long from, long to, Segment seg, int w) {
        long first = Math.max(from, seg.start());
        long k0 = (first - seg.start() + seg.stride() - 1) / seg.stride();
        return LongStream.iterate(k0, k -> {
            long s = seg.start() + k * seg.stride();
            return s < to && s + w <= seg.end();
        }, k -> k + 1).mapToObj(k -> {
            int at = (int) (seg.start() + k * seg.stride() - from);
            return new Window(seg.validation(), k, Arrays.copyOfRange(data, at, at + w));
        });
    }

    /** For each chunk, the next {@code n} tokens of the stream after it (fewer at the end). */
    static int[][] followingTokens(List<int[]> heads, int n) {
        int[][] tails = new int[heads.size()][];
        for (int p = 0; p < heads.size(); p++) {
            int[] tail = new int[n];
            int filled = 0;
            for (int q = p + 1; q < heads.size() && filled < n; q++) {
                int take = Math.min(n - filled, heads.get(q).length);
                System.arraycopy(heads.get(q), 0, tail, filled, take);
                filled += take;
            }
            tails[p] = Arrays.copyOf(tail, filled);
        }
        return tails;
    }
}
