// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.cgroup;

import java.util.Objects;

/**
 * What a cgroup path says about the workload that runs in it: a container of an engine, a
 * Kubernetes pod's container, a systemd service or a user session. Parsed from the path alone
 * by {@link ContainerParser}; immutable.
 *
 * <pre>{@code
 * Container c = ContainerParser.parse("/system.slice/docker-3f2a1b4c5d6e...9a.scope");
 * c.label();         // "docker:3f2a1b4c5d6e"
 * c.matches("3f2a"); // true: an id prefix, as docker accepts
 * }</pre>
 *
 * @param kind {@code docker}, {@code podman}, {@code conmon} (a Podman or CRI-O container's
 *     monitor), {@code containerd}, {@code crio}, {@code k8s}, {@code lxc}, {@code machine}
 *     (systemd-nspawn and other machined guests), {@code service} or {@code session}
 * @param id the container id (64 hex digits for the engines), the machine or lxc name, the
 *     unit name ({@code nginx.service}) or the session scope ({@code session-3.scope}); may be
 *     "" for a Kubernetes pod-level cgroup
 * @param pod the Kubernetes pod uid (dashed form), or ""
 * @param engine the runtime behind a Kubernetes container ({@code containerd}, {@code crio},
 *     {@code docker}) or "" when the path does not say
 * @param user the login user of a session or a per-user service ({@code user-1000}), or ""
 */
public record Container(String kind, String id, String pod, String engine, String user) {
  /** Length of the short ids shown in labels, as {@code docker ps} shows them. */
  public static final int SHORT_ID = 12;

  /**
   * Requires every component ("" where the path does not say).
   *
   * @param kind {@code docker}, {@code podman}, {@code conmon} (a Podman or CRI-O container's
   *     monitor), {@code containerd}, {@code crio}, {@code k8s}, {@code lxc}, {@code machine}
   *     (systemd-nspawn and other machined guests), {@code service} or {@code session}
   * @param id the container id (64 hex digits for the engines), the machine or lxc name, the
   *     unit name ({@code nginx.service}) or the session scope ({@code session-3.scope}); may be
   *     "" for a Kubernetes pod-level cgroup
   * @param pod the Kubernetes pod uid (dashed form), or ""
   * @param engine the runtime behind a Kubernetes container ({@code containerd}, {@code crio},
   *     {@code docker}) or "" when the path does not say
   * @param user the login user of a session or a per-user service ({@code user-1000}), or ""
   * @throws NullPointerException when a component is null
   */
  public Container {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(user, "user");
  }

  /**
   * {@return a short readable name for output: {@code docker:3f2a1b4c5d6e}, {@code
   * k8s:<pod-uid>/<id12>}, {@code lxc:web}, {@code nginx.service}, {@code
   * user-1000/session-3.scope}}
   */
  public String label() {
    switch (kind) {
      case "service":
      case "session":
        return user.isEmpty() ? id : user + "/" + id;
      case "k8s":
        return id.isEmpty() ? "k8s:" + pod : "k8s:" + pod + "/" + shortId();
      default:
        return kind + ":" + shortId();
    }
  }

  /** {@return the id cut to {@link #SHORT_ID} characters when it is a long hex id} */
  public String shortId() {
    return id.length() == 64 ? id.substring(0, SHORT_ID) : id;
  }

  /**
   * {@return whether {@code query} names this container: its label, its kind (all Docker
   * containers: {@code docker}), a prefix of its id (at least 4 characters, as engines accept), its
   * pod uid or a prefix of it, or a unit name with or without {@code .service}}
   *
   * @param query what the user typed, e.g. {@code nginx} or {@code 3f2a}; surrounding blanks
   *     ignored
   */
  public boolean matches(String query) {
    String q = query.trim();
    if (q.isEmpty()) {
      return false;
    }
    if (q.equals(label()) || q.equals(kind) || q.equals(id) || q.equals(pod)) {
      return true;
    }
    if (q.length() >= 4 && (id.length() == 64 && id.startsWith(q) || pod.startsWith(q))) {
      return true;
    }
    return kind.equals("service") && id.equals(q + ".service");
  }
}
