package org.sparklstm.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.api.java.JavaRDD;
import java.util.List;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.sparklstm.pipeline.classify.LabelledText;
import org.sparklstm.pipeline.classify.LabelledTextIngest;
import org.sparklstm.pipeline.classify.ParsedText;
import org.sparklstm.pipeline.ingest.RowProblem;

/**
 * A DataFrame's labelled texts as the classification flow reads them: rows numbered from 1 in the DataFrame's order,
 * each row's id taken from {@code idCol} (or {@code row:<number>}), a row without text or label a problem naming its
 * row and column. With {@link HandleInvalid#ERROR} the first problem stops the fit; otherwise such rows are left out,
 * counted, and recorded with their reason in the run's quarantine table.
 */
final class LabelledFrame {

    /** How a DataFrame is named in errors and quarantine rows. */
    static final String SOURCE = "DataFrame";
    private static final int EXCERPT = 80;

    private LabelledFrame() {
    }

    /**
     * The class names that a numeric label column's metadata gives its indexes, as MLlib's {@code StringIndexer}
     * writes them; empty when it has none.
     */
    static List<String> classNames(StructField labelField) {
        return Attribute.fromStructField(labelField) instanceof NominalAttribute nominal && nominal.values().isDefined()
                ? List.of(nominal.values().get()) : List.of();
    }

    /**
     * @param numericLabels the label column holds class indexes (whole numbers from 0), else class names
     * @param classNames    for numeric labels, the name of each index (see {@link #classNames}); empty: the index
     */
    static LabelledTextIngest.Result read(Dataset<?> frame, String textCol, String labelCol, String idCol,
                                          boolean numericLabels, List<String> classNames,
                                          HandleInvalid handleInvalid) {
        Dataset<Row> selected = frame.select(col(textCol), col(labelCol).cast(numericLabels ? DataTypes.DoubleType
                : DataTypes.StringType), idCol.isEmpty() ? lit(null).cast(DataTypes.StringType)
                : col(idCol).cast(DataTypes.StringType));
        JavaRDD<ParsedText> parsed = selected.javaRDD().zipWithIndex().map(t -> parse(t._1(), t._2() + 1, textCol,
                labelCol, classNames));
        return LabelledTextIngest.of(parsed, SOURCE, handleInvalid != HandleInvalid.ERROR,
                StorageLevel.MEMORY_AND_DISK());
    }

    private static ParsedText parse(Row r, long row, String textCol, String labelCol, List<String> classNames) {
        String excerpt = r.toString();
        excerpt = excerpt.length() > EXCERPT ? excerpt.substring(0, EXCERPT) + "..." : excerpt;
        String text = r.getString(0);
        if (text == null || text.isBlank()) {
            return problem(row, textCol, text == null ? "null text" : "empty text", excerpt);
        }
        Object label = r.get(1);
        if (label == null || label instanceof String s && s.isBlank()) {
            return problem(row, labelCol, "missing label", excerpt);
        }
        if (label instanceof Double d && (d < 0 || d != Math.rint(d) || d > Integer.MAX_VALUE)) {
            return problem(row, labelCol, "label " + d + " is no class index (a whole number from 0)", excerpt);
        }
        if (label instanceof Double d && !classNames.isEmpty() && d >= classNames.size()) {
            return problem(row, labelCol, "label " + d + " is no class index of the column's " + classNames.size()
                    + " classes", excerpt);
        }
        String name = label instanceof Double d
                ? (classNames.isEmpty() ? String.valueOf(d.intValue()) : classNames.get(d.intValue()))
                : ((String) label).trim();
        String id = r.isNullAt(2) ? "row:" + row : r.getString(2);
        return new ParsedText(new LabelledText(id, text, name, SOURCE, row), null);
    }

    private static ParsedText problem(long row, String column, String reason, String excerpt) {
        return new ParsedText(null, new RowProblem(SOURCE, row, column, reason, excerpt, false));
    }
}
