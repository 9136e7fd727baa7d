/**
 * Rollover of the node's own signing and TLS certificates on a running node: the operator's {@code
 * POST /api/v1/node/credentials/reload} (SPEC §8.1), which puts the new files in use after {@link
 * org.kopir.gateway.crypto.NodeCredentialRollover} has checked them, and records {@code
 * key.rotated} (SPEC §7.3).
 */
package org.kopir.gateway.credentials;
