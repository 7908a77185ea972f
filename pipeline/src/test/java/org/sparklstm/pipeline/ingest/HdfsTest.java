package org.sparklstm.pipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.lm.ModelBundle;
import org.sparklstm.models.lm.NetworkFactory;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.models.text.Vocabulary;
import org.sparklstm.pipeline.SparkTestSupport;

/** hdfs: paths for input and model bundles, on a real (in-process) HDFS cluster. */
class HdfsTest extends SparkTestSupport {

    static MiniDFSCluster hdfs;
    static Configuration conf;

    @BeforeAll
    static void startHdfs() throws Exception {
        java.nio.file.Path base = Files.createTempDirectory("minidfs");
        Configuration c = new Configuration();
        c.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
        hdfs = new MiniDFSCluster.Builder(c).numDataNodes(1).build();
        hdfs.waitActive();
        conf = hdfs.getConfiguration(0);
    }

    @AfterAll
    static void stopHdfs() {
        hdfs.shutdown(true);
    }

    private static String uri(String path) {
        return hdfs.getURI() + path;
    }

    @Test
    void ingestReadsHdfsFilesAndQuarantinesBadLines() throws Exception {
        FileSystem fs = FileSystem.get(hdfs.getURI(), conf);
        try (OutputStream out = fs.create(new Path("/corpus/a.txt"))) {
            out.write("Persuasion\n".getBytes(StandardCharsets.UTF_8));
            out.write(new byte[]{'b', 'a', 'd', (byte) 0xc3, '\n'});
            out.write("Chapter 1\n".getBytes(StandardCharsets.UTF_8));
        }
        TextIngest.Result r = TextIngest.read(sc, InputFiles.resolve("input.path", uri("/corpus/*.txt"), conf));
        assertEquals(List.of("Persuasion", "Chapter 1"), r.lines().map(TextLine::text).collect());
        List<QuarantineRecord> q = r.quarantine().collect();
        assertEquals(1, q.size());
        assertEquals(uri("/corpus/a.txt"), q.get(0).file());
        assertEquals(11, q.get(0).offset());
        assertEquals("invalid UTF-8 at byte 3 of the line", q.get(0).reason());
    }

    @Test
    void modelBundleRoundTripsThroughHdfs() throws Exception {
        MultiLayerNetwork net = NetworkFactory.create(new LanguageModelSpec(5, 4, 1, 8, 0, 0.01, 1, 0, 1));
        ModelBundle bundle = new ModelBundle(net, TokenizerSpec.chars(),
                new Vocabulary(List.of("<unk>", "<eos>", "a", "b", "\n")), "{}", Map.of("tokens", 3));
        Path dir = new Path(uri("/models/m1"));
        bundle.save(dir, conf);
        ModelBundle loaded = ModelBundle.load(dir, conf);
        assertArrayEquals(net.params().data().asFloat(), loaded.network().params().data().asFloat());
        assertEquals(bundle.vocabulary().tokens(), loaded.vocabulary().tokens());
        assertTrue(FileSystem.get(hdfs.getURI(), conf).exists(new Path("/models/m1/network.zip")));
    }
}
