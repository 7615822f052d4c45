// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ListenAddressTest {
  @Test
  void parsesTheFormsExportersUse() throws Exception {
    assertEquals(new ListenAddress("127.0.0.1", 9464), ListenAddress.parse("127.0.0.1:9464"));
    assertEquals(new ListenAddress("::1", 80), ListenAddress.parse("[::1]:80"));
    assertEquals(new ListenAddress("", 9464), ListenAddress.parse(":9464"));
    assertEquals("[::1]:80", ListenAddress.parse("[::1]:80").toString());
    assertTrue(ListenAddress.parse("127.0.0.1:0").resolve().getAddress().isLoopbackAddress());
    assertTrue(ListenAddress.parse(":1").resolve().getAddress().isAnyLocalAddress());
  }

  @Test
  void badFormsSayWhatIsExpected() {
    assertEquals("'localhost' has no port: use HOST:PORT, e.g. 127.0.0.1:9464",
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("localhost"))
            .getMessage());
    assertEquals("'127.0.0.1:70000': the port must be a number from 0 to 65535",
        assertThrows(IllegalArgumentException.class,
            () -> ListenAddress.parse("127.0.0.1:70000")).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("::1:80"))
        .getMessage().contains("in brackets"));
  }
}
