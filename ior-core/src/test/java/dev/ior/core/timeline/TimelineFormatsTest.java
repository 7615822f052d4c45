// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.ior.core.event.PairRecord;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.testing.ExternalTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The timeline files checked against JSON schemas: the trace event format's (written from its
 * documentation, in test resources) and speedscope's own {@code file-format-schema.json} from
 * its npm package; then their content.
 */
class TimelineFormatsTest {
  static final SyscallTable T = SyscallTable.standard();
  static final ObjectMapper JSON = new ObjectMapper();

  static Timeline sample() {
    TimelineSink s = new TimelineSink(0);
    s.fork(100, 100, 200, 1_000);
    s.exec(200, 200, 2_000, "cat");
    s.accept(new PairRecord(T.byName("openat"), 200, 200, "cat", 3_000, 5_500, 0, 3, -1,
        "/etc/\"quoted\"\n<name>", null, 0, 0));
    s.accept(new PairRecord(T.byName("read"), 200, 200, "cat", 6_000, 9_000, 0, 4096, 3,
        "/etc/hosts", null, 0, 4096));
    s.accept(new PairRecord(T.byName("rename"), 100, 101, "sh-worker", 4_000, 4_100, 0, -13,
        -1, "/a", "/b", 0, 0));
    s.taskExit(200, 200, 10_000);
    return s.timeline();
  }

  static String chrome(Timeline t) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChromeTraceWriter.write(t, new TimelineMeta("ior trace of test", "test", 1_000_000_000L),
        out);
    return out.toString(StandardCharsets.UTF_8);
  }

  static String speedscope(Timeline t) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SpeedscopeWriter.write(t, new TimelineMeta("ior trace of test", "test", 0), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  static void assertValid(Schema schema, String json) {
    List<com.networknt.schema.Error> errors = schema.validate(json, InputFormat.JSON);
    assertEquals(List.of(), errors, json);
  }

  @Test
  void chromeTraceMatchesTheTraceEventFormatSchema() throws IOException {
    Schema schema;
    try (InputStream in = getClass().getResourceAsStream("trace-event-format.schema.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }
    String json = chrome(sample());
    assertValid(schema, json);
    // The schema can fail: a slice without its duration is rejected.
    assertEquals(1, schema.validate("{\"traceEvents\":[{\"name\":\"read\",\"ph\":\"X\",\"pid\":1,"
        + "\"tid\":1,\"ts\":1}]}", InputFormat.JSON).size());

    JsonNode root = JSON.readTree(json);
    assertEquals("1970-01-01T00:00:01.000001Z", root.get("otherData").get("start").asString());
    assertEquals(0, root.get("otherData").get("leftOut").asLong());
    JsonNode events = root.get("traceEvents");
    JsonNode open = find(events, "openat");
    assertEquals(2.0, open.get("ts").asDouble(), 1e-9, "µs since the first event (the fork)");
    assertEquals(2.5, open.get("dur").asDouble(), 1e-9);
    assertEquals("/etc/\"quoted\"\n<name>", open.get("args").get("file").asString());
    JsonNode rename = find(events, "rename");
    assertEquals("EACCES", rename.get("args").get("errno").asString());
    assertEquals("/b", rename.get("args").get("file2").asString());
    assertEquals("cat", metadata(events, "thread_name", 200));
    assertEquals("sh-worker", metadata(events, "thread_name", 101));
    assertEquals("sh-worker", metadata(events, "process_name", 100), "no main thread seen");
    assertEquals(200, find(events, "fork").get("args").get("child").asInt());
    assertEquals("cat", find(events, "exec").get("args").get("comm").asString());
    JsonNode rate = find(events, "bytes/s");
    assertEquals(4096 * 10, rate.get("args").get("read").asLong(), "per second, 100 ms buckets");
  }

  @Test
  void speedscopeFileMatchesSpeedscopesOwnSchema() throws IOException {
    Path pkg = ExternalTool.npmPackage("speedscope's file format schema", "speedscope");
    Schema schema;
    try (InputStream in = Files.newInputStream(
        pkg.resolve("dist/release/file-format-schema.json"))) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }
    String json = speedscope(sample());
    assertValid(schema, json);
    JsonNode root = JSON.readTree(json);
    JsonNode profiles = root.get("profiles");
    assertEquals(2, profiles.size(), "one per thread");
    assertEquals("sh-worker 100/101", profiles.get(0).get("name").asString());
    JsonNode cat = profiles.get(1);
    assertEquals("cat 200/200", cat.get("name").asString());
    assertEquals(9_000, cat.get("endValue").asLong());
    assertEquals(4, cat.get("events").size());
    assertEquals(2_000, cat.get("events").get(0).get("at").asLong());
    JsonNode frame = root.get("shared").get("frames").get(cat.get("events").get(2).get("frame")
        .asInt());
    assertEquals("read", frame.get("name").asString());
    assertEquals("/etc/hosts", frame.get("file").asString());
    assertTrue(schema.validate("{\"$schema\":\"" + SpeedscopeWriter.SCHEMA + "\"}",
        InputFormat.JSON).size() > 0, "the schema can fail");
  }

  private static JsonNode find(JsonNode events, String name) {
    for (JsonNode e : events) {
      if (e.get("name").asString().equals(name)) {
        return e;
      }
    }
    throw new AssertionError("no event " + name);
  }

  private static String metadata(JsonNode events, String what, int tid) {
    for (JsonNode e : events) {
      if (e.get("name").asString().equals(what) && e.get("tid").asInt() == tid) {
        return e.get("args").get("name").asString();
      }
    }
    throw new AssertionError("no " + what + " of " + tid);
  }
}
