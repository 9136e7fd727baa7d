package org.kopir.gateway.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * People who use the local API with a password ({@code kopir.security.users}): auditors and
 * operators. Agency systems authenticate by TLS client certificate instead.
 */
@ConfigurationProperties("kopir.security")
public class SecurityProperties {

  private List<User> users = new ArrayList<>();

  public List<User> getUsers() {
    return users;
  }

  public void setUsers(List<User> users) {
    this.users = users;
  }

  /** A person's account; the password is stored in Spring Security's encoded form. */
  public static class User {
    private String name;

    /** Encoded password, e.g. {@code {bcrypt}$2a$...} (or {@code {noop}...} in development). */
    private String password;

    /** Roles: {@code AUDITOR}, {@code OPERATOR}. */
    private List<String> roles = new ArrayList<>();

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }

    public List<String> getRoles() {
      return roles;
    }

    public void setRoles(List<String> roles) {
      this.roles = roles;
    }
  }
}
