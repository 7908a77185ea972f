package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparklstm.jobs.config.ConfigException;

class CommandLineTest {

    @Test
    void commandLineShapes() {
        CommandLine show = CommandLine.parse(new String[]{"show", "runs/x/metrics", "--limit", "5"});
        assertEquals("runs/x/metrics", show.path());
        assertEquals(5, show.limit());
        CommandLine train = CommandLine.parse(new String[]{"train", "--config", "c.conf", "--set", "a=b", "--overwrite"});
        assertEquals("c.conf", train.configFile());
        assertEquals(List.of("a=b"), train.sets());
        assertTrue(train.overwrite());
        assertTrue(assertThrows(ConfigException.class, () -> CommandLine.parse(new String[]{"fit"}))
                .getMessage().startsWith("unknown command 'fit'"));
        assertThrows(ConfigException.class, () -> CommandLine.parse(new String[]{"show"}));
        assertThrows(ConfigException.class, () -> CommandLine.parse(new String[]{"show", "p", "--limit", "x"}));
        CommandLine resume = CommandLine.parse(new String[]{"train", "--resume", "runs/a", "--set", "spark.master=local[1]"});
        assertEquals("runs/a", resume.resume());
        assertEquals("train --resume takes the run's own saved config: drop --config", assertThrows(ConfigException.class,
                () -> CommandLine.parse(new String[]{"train", "--resume", "runs/a", "--config", "c.conf"})).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> CommandLine.parse(new String[]{"predict", "--resume", "a"}))
                .getMessage().startsWith("--resume is for train only"));
        CommandLine retrain = CommandLine.parse(new String[]{"retrain", "--registry", "r", "--break-lock"});
        assertEquals("r", retrain.registry());
        assertTrue(retrain.breakLock());
        assertFalse(CommandLine.parse(new String[]{"retrain", "--registry", "r"}).breakLock());
        assertTrue(assertThrows(ConfigException.class, () -> CommandLine.parse(new String[]{"train", "--break-lock"}))
                .getMessage().startsWith("--break-lock is for retrain only"));
    }
}
