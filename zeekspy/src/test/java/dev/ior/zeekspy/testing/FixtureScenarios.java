// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.testing;

import dev.ior.flamegraph.profile.Frame;
import dev.ior.flamegraph.profile.Sample;
import dev.ior.flamegraph.profile.StackProfile;
import dev.ior.zeekspy.profile.ProfileBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stacks {@code zeek_fixture cycle} holds and the share of wall time each is current, as
 * zeekspy must report them. Mirrors {@code scenarios()} in testdata/zeekspy/zeek_fixture.cc.
 */
public final class FixtureScenarios {
  static final String EVENT_BIF = "base/bif/event.bif.zeek";
  static final String CONN = "base/protocols/conn/main.zeek";
  static final String HTTP = "base/protocols/http/main.zeek";
  static final String DNS = "base/protocols/dns/main.zeek";
  static final String LOGGING = "base/frameworks/logging/main.zeek";

  /** Expected stack (outermost first) → expected share of samples. */
  public static final Map<List<Frame>, Double> EXPECTED = expected();

  private FixtureScenarios() {}

  private static Map<List<Frame>, Double> expected() {
    Map<List<Frame>, Double> m = new LinkedHashMap<>();
    // Event handler: declared in event.bif.zeek, body in conn/main.zeek -> two frames.
    m.put(List.of(zeek("connection_state_remove", EVENT_BIF, 133),
        zeek("connection_state_remove", CONN, 290)), 8 / 17.0);
    m.put(List.of(zeek("http_request", EVENT_BIF, 610), zeek("http_request", HTTP, 231),
        zeek("HTTP::set_state", HTTP, 197), zeek("HTTP::new_http_session", HTTP, 158)),
        5 / 17.0);
    // A built-in leaf: no Frame of its own and no location.
    m.put(List.of(zeek("dns_request", EVENT_BIF, 720), zeek("dns_request", DNS, 402),
        zeek("Log::write", LOGGING, 470), new Frame("Log::__write", "bif", "", 0)), 3 / 17.0);
    m.put(List.of(ProfileBuilder.EMPTY_STACK), 1 / 17.0);
    return m;
  }

  private static Frame zeek(String name, String file, int line) {
    return new Frame(name, "zeek", file, line);
  }

  /** Share of samples per stack in {@code p} (sample type 0 = samples). */
  public static Map<List<Frame>, Double> shares(StackProfile p) {
    Map<List<Frame>, Double> m = new LinkedHashMap<>();
    double total = p.total(0);
    for (Sample s : p.samples()) {
      m.merge(s.stack(), s.value(0) / total, Double::sum);
    }
    return m;
  }
}
