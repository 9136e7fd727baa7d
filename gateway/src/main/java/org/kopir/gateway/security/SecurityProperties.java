package org.kopir.gateway.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /**
   * A file of further accounts, one per line: {@code name:encoded-password:ROLE[,ROLE]} (blank
   * lines and lines starting with {@code #} ignored), so that hashes can come from a secret mounted
   * at run time rather than from configuration.
   */
  private Path usersFile;

  public List<User> getUsers() {
    return users;
  }

  public Path getUsersFile() {
    return usersFile;
  }

  public void setUsersFile(Path usersFile) {
    this.usersFile = usersFile;
  }

  /** The accounts of {@link #getUsers()} and of the users file together. */
  public List<User> allUsers() {
    List<User> all = new ArrayList<>(users);
    if (usersFile != null) {
      all.addAll(readUsersFile(usersFile));
    }
    return all;
  }

  /** The accounts in a users file; a malformed line names its number, never its content. */
  public static List<User> readUsersFile(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kopir.security.users-file " + file, e);
    }
    List<User> read = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(":", 3);
      if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
        throw new IllegalArgumentException(
            file + " line " + (i + 1) + ": expected name:encoded-password:ROLE[,ROLE]");
      }
      User user = new User();
      user.setName(parts[0]);
      user.setPassword(parts[1]);
      user.setRoles(List.of(parts[2].split(",")));
      read.add(user);
    }
    return read;
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
