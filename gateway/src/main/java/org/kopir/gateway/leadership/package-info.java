/**
 * Leadership among the replicas of one node: a lock row in the node's database decides which
 * replica runs the periodic jobs (audit checkpoints, the overdue watch, retention), and the jobs
 * move to another replica when it fails (docs/operations.md, "High availability").
 */
package org.kopir.gateway.leadership;
