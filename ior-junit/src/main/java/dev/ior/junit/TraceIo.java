// SPDX-License-Identifier: Apache-2.0
package dev.ior.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Records the syscall I/O of every test of the class (or of one method) in this JVM with eBPF
 * and hands it to the test as a {@link RecordedIo} parameter. Recorded: every thread of this JVM
 * but ior's own, and every process the test starts. Without root (or CAP_BPF + CAP_PERFMON) or
 * on a kernel without BPF the test is skipped with the reason, never passed silently; with the
 * environment variable {@code IOR_REQUIRE_BPF=1} (or {@code -Dior.junit.require=true}) it fails
 * instead.
 *
 * <pre>{@code
 * @TraceIo
 * class CacheTest {
 *   @Test
 *   void writesOnlyIntoItsDirectory(@TempDir Path dir, RecordedIo io) throws IOException {
 *     new Cache(dir).put("k", "v");
 *     io.opened().noneOutside(dir);
 *     io.syscalls("fsync").atMost(1);
 *   }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(IoTraceExtension.class)
public @interface TraceIo {
  /**
   * Syscalls to record by name; with families: both.
   *
   * @return names ({@code read}, {@code fsync}); empty: see {@link #families()}
   */
  String[] syscalls() default {};

  /**
   * Syscall families to record ({@code fs}, {@code net}, ...); with neither this nor {@link
   * #syscalls()}: file I/O (the {@code fs} and {@code aio} families).
   *
   * @return family names
   */
  String[] families() default {};
}
