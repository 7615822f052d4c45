// SPDX-License-Identifier: Apache-2.0
package dev.ior.cli.serve;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An HTTP listen address as Prometheus exporters spell it: {@code HOST:PORT}, {@code
 * [IPv6]:PORT} or {@code :PORT} (every interface). Port 0 picks a free port.
 *
 * <pre>{@code
 * ListenAddress a = ListenAddress.parse("127.0.0.1:9464");
 * InetSocketAddress s = a.resolve(); // UnknownHostException when the host does not resolve
 * }</pre>
 *
 * @param host host name or address literal; "" for every interface
 * @param port 0..65535
 */
public record ListenAddress(String host, int port) {
  /** Where {@code ior serve} listens unless told otherwise: loopback, the OpenTelemetry port. */
  public static final String DEFAULT = "127.0.0.1:9464";

  /**
   * Parses {@code HOST:PORT}.
   *
   * @throws IllegalArgumentException saying what is wrong and the expected form
   */
  public static ListenAddress parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("'" + text + "' has no port: use HOST:PORT, e.g. "
          + DEFAULT);
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("'" + text + "': write an IPv6 address in brackets,"
          + " e.g. [::1]:9464");
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("'" + text + "': the port must be a number from 0 to"
          + " 65535");
    }
    return new ListenAddress(host, port);
  }

  /**
   * The socket address to bind; looks the host name up.
   *
   * @throws UnknownHostException when the host does not resolve
   */
  public InetSocketAddress resolve() throws UnknownHostException {
    return host.isEmpty() ? new InetSocketAddress(port)
        : new InetSocketAddress(InetAddress.getByName(host), port);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** picocli converter: a parse error becomes a usage error naming the expected form. */
  public static final class Converter implements ITypeConverter<ListenAddress> {
    @Override
    public ListenAddress convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
