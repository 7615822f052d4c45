// SPDX-License-Identifier: Apache-2.0
package dev.ior.zeekspy.sample;

/**
 * A decoded Zeek {@code Func}, cached by address. The raw fields it was decoded from are kept so
 * that every sample can check, from the words it reads anyway, that the object at this address is
 * still the same function.
 *
 * @param name function, event or hook name
 * @param builtin true for built-in functions (BIFs), which have no script frame
 * @param locationPtr the Func's {@code Location*}
 * @param kind raw {@code Func.kind}
 * @param nameData raw std::string data pointer
 * @param nameLength raw std::string length
 */
record FuncInfo(
    String name, boolean builtin, long locationPtr, int kind, long nameData, long nameLength) {

  /** True when the raw words read now describe the function cached here. */
  boolean sameAs(long locPtr, int rawKind, long data, long length) {
    return locationPtr == locPtr && kind == rawKind && nameData == data && nameLength == length;
  }
}
