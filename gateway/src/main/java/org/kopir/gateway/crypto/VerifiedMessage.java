package org.kopir.gateway.crypto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A border message whose signature, signer and freshness have been checked.
 *
 * @param envelope the signed envelope, safe to process
 * @param signerSubject RFC 2253 subject of the partner node's signing certificate
 * @param messageDigest hex SHA-256 of the canonical envelope (the receipt's {@code messageDigest})
 * @param signingTime the signing-time attribute, or {@code null} when the signer left it out
 * @param signerNode the node id of the partner that signed it
 */
public record VerifiedMessage(
    ObjectNode envelope,
    String signerSubject,
    String messageDigest,
    Instant signingTime,
    String signerNode) {}
