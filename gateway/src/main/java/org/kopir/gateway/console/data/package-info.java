/**
 * Read-only queries behind the console pages (audit search with keyset paging, ledgers, dashboard
 * figures). Nothing here writes; only identifiers, pseudonyms, digests, statuses and codes are
 * read.
 */
package org.kopir.gateway.console.data;
