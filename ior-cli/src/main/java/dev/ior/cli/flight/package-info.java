// SPDX-License-Identifier: Apache-2.0
/**
 * {@code -flight} and its triggers (SIGUSR1 among them), and {@code -replay} of a flight
 * recording into every output.
 */
package dev.ior.cli.flight;
