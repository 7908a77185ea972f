package org.sparklstm.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Spark ML and SQL" examples are the code of {@link JavaExample} and {@code ScalaExample} (which
 * {@code ScalaExampleTest} runs), line for line, and the Java one runs.
 */
class ReadmeExamplesTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCES = Path.of("src", "test");

    @TempDir
    Path runs;

    @Test
    void theReadmeShowsTheExamplesCode() throws IOException {
        String section = section(Files.readString(README), "## Spark ML and SQL");
        assertEquals(marked(SOURCES.resolve("java/org/sparklstm/ml/JavaExample.java")), block(section, "java"));
        assertEquals(marked(SOURCES.resolve("scala/org/sparklstm/ml/ScalaExample.scala")), block(section, "scala"));
    }

    @Test
    void theJavaExampleTrainsEvaluatesSavesAndAnswersSql() throws IOException {
        SparkSession spark = MlTestSupport.session();
        try {
            double accuracy = JavaExample.trainAndQuery(spark, MlTestSupport.DATA_SAMPLES.toString(), runs.toString());
            // 658 of the 1,000 test reviews are great: the majority class's accuracy is 0.658
            assertTrue(accuracy >= 0.6 && accuracy <= 1, "accuracy " + accuracy);
            assertEquals(2, PipelineModel.load(runs.resolve("sentiment-pipeline").toString()).stages().length);
            assertEquals(1000L, spark.sql("SELECT count(*) FROM reviews WHERE sentiment(review) IN ('great', 'other')")
                    .first().getLong(0));
        } finally {
            spark.stop();
        }
    }

    private static String section(String readme, String heading) {
        int start = readme.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "README has no section " + heading);
        int end = readme.indexOf("\n## ", start + heading.length() + 2);
        return end < 0 ? readme.substring(start) : readme.substring(start, end);
    }

    private static String block(String section, String language) {
        Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertTrue(m.find(), "no " + language + " block");
        return m.group(1);
    }

    /** The lines between the README markers, without the indentation they share. */
    private static String marked(Path source) throws IOException {
        List<String> lines = Files.readAllLines(source);
        int from = indexOf(lines, "// README:begin") + 1;
        int to = indexOf(lines, "// README:end");
        List<String> body = lines.subList(from, to);
        int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        StringBuilder out = new StringBuilder();
        body.forEach(l -> out.append(l.isBlank() ? "" : l.substring(indent)).append('\n'));
        return out.toString();
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError("no " + marker + " in " + Arrays.toString(lines.toArray()).substring(0, 80));
    }
}
