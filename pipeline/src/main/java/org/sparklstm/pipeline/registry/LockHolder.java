package org.sparklstm.pipeline.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who holds a registry lock: the contents of the lock file, as JSON.
 *
 * @param owner   the user that started the run
 * @param host    the machine it runs on
 * @param pid     its process id there
 * @param runId   the run id of the version it is deciding
 * @param started when it took the lock
 */
public record LockHolder(String owner, String host, long pid, String runId, Instant started) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** This process, about to run {@code runId}. */
    public static LockHolder current(String runId, Instant started) {
        return new LockHolder(System.getProperty("user.name"), thisHost(), ProcessHandle.current().pid(), runId,
                started);
    }

    static String thisHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            // no resolvable name: the process check is then skipped for locks naming another host
            return "unknown-host";
        }
    }

    public String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("owner", owner);
        fields.put("host", host);
        fields.put("pid", pid);
        fields.put("run_id", runId);
        fields.put("started", started.toString());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(fields) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IOException when the text is not a whole lock record (a lock file still being written, say) */
    public static LockHolder fromJson(String json) throws IOException {
        JsonNode n = JSON.readTree(json);
        if (n == null || !n.isObject()) {
            throw new IOException("not a JSON object: '" + json + "'");
        }
        try {
            return new LockHolder(field(n, "owner").asText(), field(n, "host").asText(), field(n, "pid").asLong(),
                    field(n, "run_id").asText(), Instant.parse(field(n, "started").asText()));
        } catch (RuntimeException e) {
            throw new IOException("bad lock record '" + json + "': " + e.getMessage(), e);
        }
    }

    private static JsonNode field(JsonNode n, String name) throws IOException {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new IOException("the lock record has no " + name);
        }
        return v;
    }

    /** "run R of user U on host H (pid P) since T": what a refused retrain prints. */
    public String describe() {
        return "run " + runId + " of " + owner + " on " + host + " (pid " + pid + ") since " + started;
    }
}
