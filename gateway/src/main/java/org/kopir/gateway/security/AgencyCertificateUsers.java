package org.kopir.gateway.security;

import org.kopir.gateway.node.NodeProperties;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Maps a TLS client certificate's subject CN to a local agency. The TLS layer already checked that
 * the certificate was issued by this node's CA; an unknown CN is not an agency of this node.
 */
class AgencyCertificateUsers implements UserDetailsService {

  private final NodeProperties node;

  AgencyCertificateUsers(NodeProperties node) {
    this.node = node;
  }

  @Override
  public UserDetails loadUserByUsername(String commonName) {
    if (!node.isLocalAgency(commonName)) {
      throw new UsernameNotFoundException("certificate does not name a local agency");
    }
    return User.withUsername(commonName).password("").roles(Roles.AGENCY).build();
  }
}
