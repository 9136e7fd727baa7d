package org.kopir.gateway.crypto;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A receipt whose signature and signer (the partner node) have been checked.
 *
 * @param receipt the signed receipt object
 * @param signerSubject RFC 2253 subject of the partner node's signing certificate
 * @param receiptDigest hex SHA-256 of the canonical receipt
 * @param signerNode the node id of the partner that signed it
 */
public record VerifiedReceipt(
    ObjectNode receipt, String signerSubject, String receiptDigest, String signerNode) {}
