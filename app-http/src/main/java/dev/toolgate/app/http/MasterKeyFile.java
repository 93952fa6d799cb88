package dev.toolgate.app.http;

import dev.toolgate.core.secret.MasterKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the master key that encrypts clients' secrets, creating it on first start. A new file is
 * created owner-only ({@code rw-------}) before the key is written into it, where the file system
 * has POSIX permissions; an existing file readable by others is used but warned about. A file named
 * by {@code TOOLGATE_MASTER_KEY_FILE} must already exist: silently generating a new key there would
 * leave every stored secret unreadable.
 */
final class MasterKeyFile {
  private static final Logger LOG = LoggerFactory.getLogger(MasterKeyFile.class);
  private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private MasterKeyFile() {}

  /** The key in {@link Settings#masterKeyPath()}; throws {@link SettingsException} naming the file on any problem. */
  static MasterKey load(Settings settings) {
    Path file = settings.masterKeyPath();
    if (!Files.exists(file)) {
      if (settings.masterKeyFile() != null) {
        throw problem(
            "TOOLGATE_MASTER_KEY_FILE names a file that does not exist: " + file
                + " (unset it to have one created under the data directory)");
      }
      return create(file);
    }
    warnIfShared(file);
    return read(file);
  }

  private static MasterKey create(Path file) {
    MasterKey key = MasterKey.generate();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      boolean posix = Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView(PosixFileAttributeView.class);
      if (posix) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } else {
        Files.createFile(file);
      }
      Files.writeString(file, key.encoded() + "\n", StandardCharsets.US_ASCII);
    } catch (FileAlreadyExistsException e) {
      // Another process on the same data directory created it first: use theirs.
      return read(file);
    } catch (IOException e) {
      throw problem("cannot create the master key file " + file + ": " + e.getMessage());
    }
    LOG.info("created master key {} in {} (owner-only); back it up: without it stored API keys cannot be read", key.id(), file);
    return key;
  }

  private static MasterKey read(Path file) {
    try {
      return MasterKey.parse(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw problem("cannot read the master key file " + file + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw problem("the master key file " + file + " is unusable: " + e.getMessage());
    }
  }

  private static void warnIfShared(Path file) {
    try {
      if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
          LOG.warn("master key file {} is accessible to others ({}); run: chmod 600 {}",
              file, PosixFilePermissions.toString(permissions), file);
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot check the permissions of master key file {}: {}", file, e.getMessage());
    }
  }

  private static SettingsException problem(String message) {
    return new SettingsException(List.of(message));
  }
}
