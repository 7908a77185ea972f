package org.sparklstm.pipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180 records: quoted line breaks, CRLF, a byte-order mark, and a stray quote that swallows nothing. */
class CsvRecordsTest {

    private static List<CsvRecords.Record> records(String csv) throws IOException {
        CsvRecords reader = new CsvRecords(new BufferedReader(new StringReader(csv))::readLine);
        List<CsvRecords.Record> all = new ArrayList<>(List.of(reader.header()));
        for (CsvRecords.Record r = reader.next(); r != null; r = reader.next()) {
            all.add(r);
        }
        return all;
    }

    @Test
    void aQuotedFieldHoldsLineBreaksAndTheRecordIsNamedByItsFirstLine() throws IOException {
        List<CsvRecords.Record> all = records("\uFEFFtext,label\r\n\"first line\r\nsecond, \"\"quoted\"\"\r\n\r\nfourth\",pos\r\n"
                + "\r\nplain,neg\r\n");
        assertEquals(List.of("text", "label"), all.get(0).cells());
        assertEquals(List.of("first line\nsecond, \"quoted\"\n\nfourth", "pos"), all.get(1).cells());
        assertEquals(2, all.get(1).line());
        assertEquals(List.of("plain", "neg"), all.get(2).cells());
        assertEquals(7, all.get(2).line(), "the blank line between records is counted, not a record");
        assertEquals(3, all.size());
    }

    @Test
    void aQuoteLeftOpenIsOneBadRecordAndReadingGoesOnAfterIt() throws IOException {
        StringBuilder csv = new StringBuilder("text,label\n\"never closed,pos\n");
        for (int i = 0; i < 1_500; i++) {
            csv.append("row ").append(i).append(",neg\n");
        }
        List<CsvRecords.Record> all = records(csv.toString());
        assertTrue(all.get(1).unterminated());
        assertNull(all.get(1).cells());
        assertEquals(2, all.get(1).line());
        assertEquals("\"never closed,pos", all.get(1).text());
        // every line after it is read again as its own record, with its own number
        assertEquals(1_502, all.size());
        assertEquals(List.of("row 0", "neg"), all.get(2).cells());
        assertEquals(3, all.get(2).line());
        assertEquals(List.of("row 1499", "neg"), all.get(1_501).cells());
        assertEquals(1_502, all.get(1_501).line());
    }

    @Test
    void aQuoteOpenAtTheEndOfTheFileIsABadRecord() throws IOException {
        List<CsvRecords.Record> all = records("a,b\n1,2\n\"3,4\n5,6\n");
        assertEquals(List.of("1", "2"), all.get(1).cells());
        assertTrue(all.get(2).unterminated());
        assertEquals(3, all.get(2).line());
        assertEquals(List.of("5", "6"), all.get(3).cells());
        assertEquals(4, all.get(3).line());
    }
}
