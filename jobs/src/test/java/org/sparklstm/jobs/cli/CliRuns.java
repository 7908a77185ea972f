package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparklstm.jobs.Main;

/** Small training runs through the command line, on slices of the data samples. */
final class CliRuns {

    private CliRuns() {
    }

    /** {@code train --set ...}, which must succeed; the test's table reader is stopped first and after. */
    static void train(List<String> sets) {
        ForecastEndToEndTest.stopReader();
        List<String> args = new ArrayList<>(List.of("train"));
        for (String set : sets) {
            args.add("--set");
            args.add(set);
        }
        assertEquals(0, Main.run(args.toArray(String[]::new)));
        ForecastEndToEndTest.stopReader();
    }

    /** Any command line, which must succeed; the test's table reader is stopped first and after. */
    static void run(List<String> args) {
        ForecastEndToEndTest.stopReader();
        assertEquals(0, Main.run(args.toArray(String[]::new)));
        ForecastEndToEndTest.stopReader();
    }

    /** The first {@code lines} lines of Persuasion, as a file in {@code dir}. */
    static Path persuasion(Path dir, int lines) throws IOException {
        Path corpus = dir.resolve("persuasion-" + lines + ".txt");
        Files.write(corpus, Files.readAllLines(Path.of("../data-samples/austen-persuasion.txt")).subList(0, lines));
        return corpus;
    }

    /** The header and the first {@code rows} reviews of the training set, as a file in {@code dir}. */
    static Path reviews(Path dir, int rows) throws IOException {
        Path reviews = dir.resolve("reviews-" + rows + ".csv");
        Files.write(reviews, Files.readAllLines(Path.of("../data-samples/fine_foods_train.csv")).subList(0, rows + 1));
        return reviews;
    }
}
