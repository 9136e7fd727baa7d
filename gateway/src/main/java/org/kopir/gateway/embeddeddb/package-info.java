/**
 * Upkeep of the embedded H2 database, the development default: the compaction of its store file
 * that H2 itself leaves undone when every commit is written at once ({@code WRITE_DELAY=0}, which
 * the audit trail's durability needs; docs/audit.md), and the syncing of that file to disk, which
 * H2 never does. Nothing here runs on PostgreSQL.
 */
package org.kopir.gateway.embeddeddb;
