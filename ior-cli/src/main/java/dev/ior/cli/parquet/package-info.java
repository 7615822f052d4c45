// SPDX-License-Identifier: Apache-2.0
/** {@code -parquet FILE}: the calls of a trace, a recording or a flight dump as Parquet rows. */
package dev.ior.cli.parquet;
