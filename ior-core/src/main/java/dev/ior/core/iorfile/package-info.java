// SPDX-License-Identifier: Apache-2.0
/**
 * The {@code .ior} data file: the aggregated rows of a run with its metadata, versioned and
 * gzip-compressed protobuf ({@code iordata.proto}). {@link dev.ior.core.iorfile.IorFileWriter}
 * writes, {@link dev.ior.core.iorfile.IorFileReader} reads; docs/formats.md has the layout.
 */
package dev.ior.core.iorfile;
