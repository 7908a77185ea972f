package org.sparklstm.ml;

import static org.sparklstm.ml.Declare.atLeast;
import static org.sparklstm.ml.Declare.flag;
import static org.sparklstm.ml.Declare.oneOf;
import static org.sparklstm.ml.Declare.string;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparklstm.models.text.LineEnd;
import org.sparklstm.models.text.TokenizerSpec;

/** An estimator that reads a text column: its column and how text becomes tokens ({@code tokenizer.*}). */
public abstract class TextEstimator<E extends TextEstimator<E, M>, M extends Model<M>> extends LstmEstimator<E, M> {

    private final Param<String> textCol = string(this, "textCol", "the text column", "text");
    private final Param<String> tokenizer = oneOf(this, "tokenizer", "char: code points; word: matches of pattern; "
            + "bpe: subwords of those words by learned byte-pair merges", TokenizerSpec.CHAR, TokenizerSpec.CHAR,
            TokenizerSpec.WORD, TokenizerSpec.BPE);
    private final Param<String> pattern = string(this, "pattern", "word and bpe: a word is a match of this Java "
            + "regular expression", TokenizerSpec.DEFAULT_WORD_PATTERN);
    private final BooleanParam lowercase = flag(this, "lowercase", "word and bpe: lowercase before matching", false);
    private final IntParam maxVocabulary = atLeast(this, "maxVocabulary", "char and word: ids kept, counting <unk> "
            + "and <eos>; rarer tokens become <unk>", 3, 50000);
    private final IntParam minCount = atLeast(this, "minCount", "char and word: tokens seen fewer times become <unk>",
            1, 1);
    private final IntParam bpeVocabulary = atLeast(this, "bpeVocabulary", "bpe: the target vocabulary", 3,
            TokenizerSpec.DEFAULT_BPE_VOCABULARY);
    private final Param<String> lineEnd = oneOf(this, "lineEnd", "the token ending each line or text; auto: "
            + "newline-token for char, eos for word and bpe language models, none for word and bpe classifiers",
            "auto", "auto", "eos", "none", "newline-token");

    TextEstimator(String uid) {
        super(uid);
    }

    /** The tokenizer the params describe; {@code lineEndAuto} is what {@code lineEnd = auto} means for the task. */
    protected TokenizerSpec tokenizerSpec(LineEnd lineEndAuto) {
        String end = value(lineEnd);
        return new TokenizerSpec(value(tokenizer), value(pattern), value(lowercase), value(maxVocabulary),
                value(minCount), value(bpeVocabulary), end.equals("auto") ? lineEndAuto : LineEnd.fromConfigName(end));
    }

    /** Refuses a schema whose text column is missing or not a string. */
    protected void requireTextColumn(StructType schema) {
        Columns.require(schema, getTextCol(), DataTypes.StringType, "textCol");
    }

    public Param<String> textCol() {
        return textCol;
    }

    public String getTextCol() {
        return value(textCol);
    }

    public E setTextCol(String value) {
        return with(textCol, value);
    }

    public Param<String> tokenizer() {
        return tokenizer;
    }

    public E setTokenizer(String value) {
        return with(tokenizer, value);
    }

    public Param<String> pattern() {
        return pattern;
    }

    public E setPattern(String value) {
        return with(pattern, value);
    }

    public BooleanParam lowercase() {
        return lowercase;
    }

    public E setLowercase(boolean value) {
        return with(lowercase, value);
    }

    public IntParam maxVocabulary() {
        return maxVocabulary;
    }

    public E setMaxVocabulary(int value) {
        return with(maxVocabulary, value);
    }

    public IntParam minCount() {
        return minCount;
    }

    public E setMinCount(int value) {
        return with(minCount, value);
    }

    public IntParam bpeVocabulary() {
        return bpeVocabulary;
    }

    public E setBpeVocabulary(int value) {
        return with(bpeVocabulary, value);
    }

    public Param<String> lineEnd() {
        return lineEnd;
    }

    public E setLineEnd(String value) {
        return with(lineEnd, value);
    }
}
