/** Offline command-line tools of the gateway jar (audit verification, development PKI). */
package org.kopir.gateway.cli;
