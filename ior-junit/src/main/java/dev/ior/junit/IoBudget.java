// SPDX-License-Identifier: Apache-2.0
package dev.ior.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An I/O budget a test must stay within, checked after it ran (with {@link TraceIo}); a test
 * over budget fails with the calls that exceeded it. -1 (the default) leaves a limit out.
 *
 * <pre>{@code
 * @Test
 * @IoBudget(fsyncs = 1, bytesWritten = 64 * 1024)
 * void savesOnce(@TempDir Path dir) { ... }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface IoBudget {
  /**
   * Most recorded calls of any syscall.
   *
   * @return the limit, or -1 for none
   */
  long calls() default -1;

  /**
   * Most successful opens (open, openat, openat2, creat).
   *
   * @return the limit, or -1 for none
   */
  long opens() default -1;

  /**
   * Most fsync and fdatasync calls.
   *
   * @return the limit, or -1 for none
   */
  long fsyncs() default -1;

  /**
   * Most bytes written by successful calls of the write family.
   *
   * @return the limit in bytes, or -1 for none
   */
  long bytesWritten() default -1;

  /**
   * Most bytes read by successful calls of the read family.
   *
   * @return the limit in bytes, or -1 for none
   */
  long bytesRead() default -1;
}
