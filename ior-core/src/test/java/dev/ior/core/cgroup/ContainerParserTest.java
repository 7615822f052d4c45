// SPDX-License-Identifier: Apache-2.0
package dev.ior.core.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Container attribution from cgroup paths of each engine, systemd and cgroupfs drivers. */
class ContainerParserTest {
  static final String ID = "3f2a1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7a8";
  static final String ID2 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  static final String UID = "5d2f3c1e-8a7b-4c6d-9e0f-112233445566";
  static final String UID_SYSTEMD = UID.replace('-', '_');

  private static void assertContainer(String path, String kind, String id, String pod,
      String engine, String label) {
    Container c = ContainerParser.parse(path);
    assertEquals(new Container(kind, id, pod, engine, c == null ? "" : c.user()), c, path);
    assertEquals(label, c.label(), path);
  }

  @Test
  void docker() {
    assertContainer("/system.slice/docker-" + ID + ".scope", "docker", ID, "", "",
        "docker:3f2a1b4c5d6e");
    assertContainer("/docker/" + ID, "docker", ID, "", "", "docker:3f2a1b4c5d6e");
    // A container running systemd: its services belong to the container.
    assertContainer("/system.slice/docker-" + ID + ".scope/system.slice/nginx.service",
        "docker", ID, "", "", "docker:3f2a1b4c5d6e");
    // Docker in Docker: the inner container is the task's.
    assertContainer("/docker/" + ID + "/docker/" + ID2, "docker", ID2, "", "",
        "docker:0123456789ab");
    // The daemon itself is a service, not a container.
    assertContainer("/system.slice/docker.service", "service", "docker.service", "", "",
        "docker.service");
  }

  @Test
  void podman() {
    assertContainer("/machine.slice/libpod-" + ID + ".scope", "podman", ID, "", "",
        "podman:3f2a1b4c5d6e");
    assertContainer("/machine.slice/libpod-conmon-" + ID + ".scope", "conmon", ID, "", "",
        "conmon:3f2a1b4c5d6e");
    // cgroupfs driver, as podman with runc creates it on this project's hybrid CI machine.
    assertContainer("/libpod_parent/libpod-" + ID, "podman", ID, "", "", "podman:3f2a1b4c5d6e");
    // A container of a pod (systemd driver) and a rootless one under the user's manager.
    assertContainer("/machine.slice/machine-libpod_pod_" + ID2 + ".slice/libpod-" + ID
        + ".scope/container", "podman", ID, "", "", "podman:3f2a1b4c5d6e");
    assertContainer("/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" + ID
        + ".scope", "podman", ID, "", "", "podman:3f2a1b4c5d6e");
  }

  @Test
  void containerdAndCrio() {
    assertContainer("/system.slice/cri-containerd-" + ID + ".scope", "containerd", ID, "", "",
        "containerd:3f2a1b4c5d6e");
    assertContainer("/system.slice/crio-" + ID + ".scope", "crio", ID, "", "",
        "crio:3f2a1b4c5d6e");
    assertContainer("/system.slice/crio-conmon-" + ID + ".scope", "conmon", ID, "", "",
        "conmon:3f2a1b4c5d6e");
    // containerd's cgroupfs layout (namespace/id): the engine is not in the path.
    assertContainer("/default/" + ID, "container", ID, "", "", "container:3f2a1b4c5d6e");
  }

  @Test
  void kubernetesSystemdDriver() {
    String pod = "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + UID_SYSTEMD
        + ".slice";
    assertContainer(pod + "/cri-containerd-" + ID + ".scope", "k8s", ID, UID, "containerd",
        "k8s:" + UID + "/3f2a1b4c5d6e");
    assertContainer(pod + "/crio-" + ID + ".scope", "k8s", ID, UID, "crio",
        "k8s:" + UID + "/3f2a1b4c5d6e");
    assertContainer(pod + "/docker-" + ID + ".scope", "k8s", ID, UID, "docker",
        "k8s:" + UID + "/3f2a1b4c5d6e");
    assertContainer(pod, "k8s", "", UID, "", "k8s:" + UID); // pod-level cgroup
    // Guaranteed pods sit directly under kubepods.slice.
    assertContainer("/kubepods.slice/kubepods-pod" + UID_SYSTEMD + ".slice/cri-containerd-" + ID
        + ".scope", "k8s", ID, UID, "containerd", "k8s:" + UID + "/3f2a1b4c5d6e");
    assertContainer("/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod"
        + UID_SYSTEMD + ".slice/crio-" + ID + ".scope", "k8s", ID, UID, "crio",
        "k8s:" + UID + "/3f2a1b4c5d6e");
  }

  @Test
  void kubernetesCgroupfsDriver() {
    assertContainer("/kubepods/burstable/pod" + UID + "/" + ID, "k8s", ID, UID, "",
        "k8s:" + UID + "/3f2a1b4c5d6e");
    assertContainer("/kubepods/besteffort/pod" + UID + "/" + ID, "k8s", ID, UID, "",
        "k8s:" + UID + "/3f2a1b4c5d6e");
    assertContainer("/kubepods/pod" + UID + "/" + ID, "k8s", ID, UID, "",
        "k8s:" + UID + "/3f2a1b4c5d6e");
    // kind and other nested clusters put kubepods below a node's own cgroup.
    assertContainer("/kubelet.slice/kubelet-kubepods.slice/kubelet-kubepods-besteffort.slice/"
        + "kubelet-kubepods-besteffort-pod" + UID_SYSTEMD + ".slice/cri-containerd-" + ID
        + ".scope", "k8s", ID, UID, "containerd", "k8s:" + UID + "/3f2a1b4c5d6e");
  }

  @Test
  void lxcAndMachines() {
    assertContainer("/lxc.payload.web", "lxc", "web", "", "", "lxc:web");
    assertContainer("/lxc.payload.web/system.slice/nginx.service", "lxc", "web", "", "",
        "lxc:web");
    assertContainer("/lxc/db", "lxc", "db", "", "", "lxc:db");
    assertContainer("/machine.slice/systemd-nspawn@deb12.service", "machine", "deb12", "", "",
        "machine:deb12");
    assertContainer("/machine.slice/machine-qemu\\x2d1\\x2dvm.scope", "machine", "qemu-1-vm", "",
        "", "machine:qemu-1-vm");
  }

  @Test
  void systemdServicesAndSessions() {
    assertContainer("/system.slice/nginx.service", "service", "nginx.service", "", "",
        "nginx.service");
    assertContainer("/system.slice/nginx.service/workers", "service", "nginx.service", "", "",
        "nginx.service");
    assertContainer("/system.slice/system-getty.slice/getty@tty1.service", "service",
        "getty@tty1.service", "", "", "getty@tty1.service");
    Container session = ContainerParser.parse("/user.slice/user-1000.slice/session-3.scope");
    assertEquals(new Container("session", "session-3.scope", "", "", "user-1000"), session);
    assertEquals("user-1000/session-3.scope", session.label());
    Container manager = ContainerParser.parse(
        "/user.slice/user-1000.slice/user@1000.service/init.scope");
    assertEquals("user@1000.service", manager.label());
    Container userService = ContainerParser.parse(
        "/user.slice/user-1000.slice/user@1000.service/app.slice/pipewire.service");
    assertEquals("user-1000/pipewire.service", userService.label());
  }

  @Test
  void unknownLayoutsSayNothing() {
    assertNull(ContainerParser.parse("/"));
    assertNull(ContainerParser.parse("/user.slice"));
    assertNull(ContainerParser.parse("/system.slice"));
    assertNull(ContainerParser.parse("/my-test-group/inner"));
    assertNull(ContainerParser.parse("/docker/not-an-id"));
    assertNull(ContainerParser.parse("/pod" + UID)); // a pod uid means nothing outside kubepods
    assertNull(ContainerParser.parse("/system.slice/docker-" + ID.substring(1) + ".scope"));
  }

  @Test
  void queriesMatchIdsPrefixesKindsPodsAndUnits() {
    Container docker = ContainerParser.parse("/system.slice/docker-" + ID + ".scope");
    assertTrue(docker.matches(ID));
    assertTrue(docker.matches("3f2a"));
    assertFalse(docker.matches("3f2")); // too short to be an id prefix
    assertTrue(docker.matches("docker:3f2a1b4c5d6e"));
    assertTrue(docker.matches("docker"));
    assertFalse(docker.matches("podman"));
    assertFalse(docker.matches("0123"));
    Container pod = ContainerParser.parse("/kubepods/burstable/pod" + UID + "/" + ID);
    assertTrue(pod.matches(UID));
    assertTrue(pod.matches("5d2f3c1e"));
    assertTrue(pod.matches("k8s"));
    Container svc = ContainerParser.parse("/system.slice/nginx.service");
    assertTrue(svc.matches("nginx"));
    assertTrue(svc.matches("nginx.service"));
    assertFalse(svc.matches("ngin"));
    assertFalse(svc.matches(" "));
  }
}
