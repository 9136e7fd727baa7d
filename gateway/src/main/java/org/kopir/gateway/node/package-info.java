/** This node's identity and topology: id, country, local agencies, partner node, ports. */
package org.kopir.gateway.node;
