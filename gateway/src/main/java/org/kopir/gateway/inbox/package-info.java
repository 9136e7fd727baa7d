/** The recipient agency's inbox over REST: pull delivered messages and acknowledge retrieval. */
package org.kopir.gateway.inbox;
