// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.layout;

/**
 * Byte offsets and sizes of the Zeek and C++ library structures zeekspy reads. All values are in
 * bytes from the start of the object named by the prefix.
 *
 * @param vectorStart std::vector: pointer to the first element
 * @param vectorFinish std::vector: pointer one past the last element
 * @param vectorEndOfStorage std::vector: pointer one past the allocated storage
 * @param callInfoSize size of one {@code CallInfo} element of {@code call_stack}
 * @param callInfoCall {@code CallInfo.call}: the {@code CallExpr*} that made the call (null for
 *     events and calls from C++)
 * @param callInfoFunc {@code CallInfo.func}: the called {@code Func*}
 * @param objLocation {@code BroObj.location}: the {@code Location*} of every Zeek object
 * @param funcKind {@code Func.kind} (a 32-bit enum)
 * @param scriptKind the value of {@code Func.kind} for script functions; others are built-ins
 * @param funcName {@code Func.name}: a std::string
 * @param stringData std::string: pointer to the characters (libc++: of a long string)
 * @param stringSize std::string: length in bytes (libc++: of a long string)
 * @param locationFilename {@code Location.filename}: a NUL-terminated {@code char*}
 * @param locationFirstLine {@code Location.first_line} (32-bit)
 * @param frameNextStmt {@code Frame.next_stmt}: the {@code Stmt*} the frame executes
 * @param stringAbi the standard library's std::string layout (short strings)
 */
public record Offsets(
    int vectorStart,
    int vectorFinish,
    int vectorEndOfStorage,
    int callInfoSize,
    int callInfoCall,
    int callInfoFunc,
    int objLocation,
    int funcKind,
    int scriptKind,
    int funcName,
    int stringData,
    int stringSize,
    int locationFilename,
    int locationFirstLine,
    int frameNextStmt,
    StringAbi stringAbi) {

  /**
   * Checks the components.
   *
   * @param vectorStart std::vector: pointer to the first element
   * @param vectorFinish std::vector: pointer one past the last element
   * @param vectorEndOfStorage std::vector: pointer one past the allocated storage
   * @param callInfoSize size of one {@code CallInfo} element of {@code call_stack}
   * @param callInfoCall {@code CallInfo.call}: the {@code CallExpr*} that made the call (null for
   *     events and calls from C++)
   * @param callInfoFunc {@code CallInfo.func}: the called {@code Func*}
   * @param objLocation {@code BroObj.location}: the {@code Location*} of every Zeek object
   * @param funcKind {@code Func.kind} (a 32-bit enum)
   * @param scriptKind the value of {@code Func.kind} for script functions; others are built-ins
   * @param funcName {@code Func.name}: a std::string
   * @param stringData std::string: pointer to the characters (libc++: of a long string)
   * @param stringSize std::string: length in bytes (libc++: of a long string)
   * @param locationFilename {@code Location.filename}: a NUL-terminated {@code char*}
   * @param locationFirstLine {@code Location.first_line} (32-bit)
   * @param frameNextStmt {@code Frame.next_stmt}: the {@code Stmt*} the frame executes
   * @param stringAbi the standard library's std::string layout (short strings)
   */
  public Offsets {
    java.util.Objects.requireNonNull(stringAbi, "stringAbi");
  }

  /** {@return the size of a std::vector header this layout implies (the largest field end)} */
  public int vectorSize() {
    return Math.max(vectorStart, Math.max(vectorFinish, vectorEndOfStorage)) + 8;
  }

  /** {@return bytes to read from a Location so that filename and first line are covered} */
  public int locationSpan() {
    return Math.max(locationFilename + 8, locationFirstLine + 4);
  }

  /** {@return first byte of a Func that zeekspy reads: the lowest of location, kind and name} */
  public int funcSpanStart() {
    return Math.min(objLocation, Math.min(funcKind, funcName + stringSpanStart()));
  }

  /** {@return bytes to read from {@link #funcSpanStart()} to cover location, kind and the name} */
  public int funcSpanLength() {
    int end = Math.max(objLocation + 8, Math.max(funcKind + 4, funcName + stringSpanEnd()));
    return end - funcSpanStart();
  }

  /** First byte of a std::string to read: the data pointer or the length (libc++: all of it). */
  private int stringSpanStart() {
    return stringAbi == StringAbi.LIBSTDCXX ? Math.min(stringData, stringSize) : 0;
  }

  private int stringSpanEnd() {
    return stringAbi == StringAbi.LIBSTDCXX ? Math.max(stringData, stringSize) + 8
        : Math.max(StringAbi.LIBCXX_SIZE, Math.max(stringData, stringSize) + 8);
  }
}
