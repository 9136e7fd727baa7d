/**
 * Who may call what: agency systems by TLS client certificate, auditors and operators by password
 * and role, the partner node by mutual TLS on the border port.
 */
package org.kopir.gateway.security;
