// SPDX-License-Identifier: Apache-2.0
/**
 * Paired calls as Parquet files, for offline analysis in DuckDB, pandas or Spark: {@link
 * dev.ior.parquet.ParquetPairWriter} is a {@link dev.ior.core.sink.PairSink}; the schema is
 * {@link dev.ior.parquet.PairSchema}. parquet-java without Hadoop on the class path.
 */
package dev.ior.parquet;
