// SPDX-License-Identifier: Apache-2.0
/**
 * {@code -clickhouse}: paired calls streamed into a ClickHouse table over HTTP in batches, with a
 * bounded queue, retries with backoff, and drops counted by reason. See docs/clickhouse.md.
 */
package dev.ior.cli.clickhouse;
