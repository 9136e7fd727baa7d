/** Safe XML handling shared by the SOAP channels: hardened parsing and namespaced DOM helpers. */
package org.kopir.gateway.xml;
