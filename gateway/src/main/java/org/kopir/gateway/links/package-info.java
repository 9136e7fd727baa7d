/** Linking: finding earlier messages about the same child from keyed link pseudonyms only. */
package org.kopir.gateway.links;
